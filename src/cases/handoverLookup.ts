import { and, asc, eq, ilike, inArray, or } from "drizzle-orm";
import { cases, handovers, people, teams } from "../../db/schema.ts";
import { HANDOVER_RULES, type HandoverKind } from "../domain/handover.ts";
import type { CaseContext } from "./context.ts";

const CASE_CARRIERS = ["jeugdbeschermer", "assistent_jeugdbeschermer", "ccp"] as const;

/** A handover as the deciding PB needs it, with who in the receiving team can take the case. */
export async function loadHandover(ctx: CaseContext, handoverId: number) {
  // A button's value is text from the platform: what is no id is no handover, not a database error.
  if (!Number.isSafeInteger(handoverId) || handoverId < 1 || handoverId > 2_147_483_647) return null;
  const [h] = await ctx.db
    .select({
      id: handovers.id,
      kind: handovers.kind,
      status: handovers.status,
      toTeamId: handovers.toTeamId,
      toPersonId: handovers.toPersonId,
      zaaknummer: cases.zaaknummer,
      toTeam: teams.name,
      toTeamKind: teams.kind,
    })
    .from(handovers)
    .innerJoin(cases, eq(cases.id, handovers.caseId))
    .innerJoin(teams, eq(teams.id, handovers.toTeamId))
    .where(eq(handovers.id, handoverId));
  if (!h) return null;
  const candidates = await ctx.db
    .select({ id: people.id, code: people.code, name: people.name })
    .from(people)
    .where(
      and(eq(people.teamId, h.toTeamId), eq(people.active, true), inArray(people.role, [...CASE_CARRIERS])),
    )
    .orderBy(asc(people.name));
  return {
    ...h,
    kind: h.kind as HandoverKind,
    /** Into the CRT the case may stay in the pool; elsewhere the PB names the vaste jeugdbeschermer. */
    ownerRequired: HANDOVER_RULES[h.kind as HandoverKind].ownerOnAccept && h.toTeamKind !== "crt",
    toPerson: candidates.find((c) => c.id === h.toPersonId)?.code ?? null,
    candidates: candidates.map(({ code, name }) => ({ code, name })),
  };
}

/** Staff who can carry cases, per team, for the request form. */
export async function caseCarriers(ctx: CaseContext) {
  return ctx.db
    .select({ code: people.code, name: people.name, team: teams.code, teamName: teams.name })
    .from(people)
    .innerJoin(teams, eq(teams.id, people.teamId))
    .where(and(eq(people.active, true), inArray(people.role, [...CASE_CARRIERS])))
    .orderBy(asc(teams.code), asc(people.name));
}

/** Case carriers whose name or code contains `query`, for a picker that searches as the person types. */
export async function searchCaseCarriers(ctx: CaseContext, query: string, limit: number, offset = 0) {
  const pattern = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return ctx.db
    .select({ code: people.code, name: people.name, team: teams.code })
    .from(people)
    .innerJoin(teams, eq(teams.id, people.teamId))
    .where(
      and(
        eq(people.active, true),
        inArray(people.role, [...CASE_CARRIERS]),
        or(ilike(people.name, pattern), ilike(people.code, pattern)),
      ),
    )
    .orderBy(asc(people.name))
    .limit(Math.min(Math.max(1, limit), 50))
    .offset(Math.max(0, offset));
}

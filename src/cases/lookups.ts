import { and, asc, eq } from "drizzle-orm";
import { people, teams } from "../../db/schema.ts";
import type { Role } from "../domain/types.ts";
import type { ActingPerson, Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { canWorkOnCase, require } from "./permissions.ts";
import type { Result } from "./result.ts";
import { type CaseRow, fieldError, findCase, inTransaction } from "./run.ts";

// Small reads that forms need to open: option lists and an early permission check.

export async function listTeams(ctx: CaseContext) {
  return ctx.db
    .select({ code: teams.code, name: teams.name, kind: teams.kind })
    .from(teams)
    .orderBy(asc(teams.code));
}

export async function listPeopleWithRole(ctx: CaseContext, role: Role) {
  return ctx.db
    .select({ code: people.code, name: people.name })
    .from(people)
    .where(and(eq(people.role, role), eq(people.active, true)))
    .orderBy(asc(people.name));
}

/**
 * Opening a form on a case: refuse early when the case does not exist, is closed, or the person may
 * not work on it, so nobody fills in a form that cannot be saved.
 */
export function openCaseForWork(
  ctx: CaseContext,
  actor: Actor,
  zaaknummer: string,
  allowed: (p: ActingPerson, c: { teamId: number; ownerId: number | null }) => boolean = canWorkOnCase,
  forbidden = "Je kunt niet werken aan deze zaak: alleen de eigenaar, diens team of het CRT.",
): Promise<Result<CaseRow>> {
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const row = await findCase(tx, zaaknummer);
    require(allowed(person, { teamId: row.teamId, ownerId: row.ownerId }), forbidden);
    if (row.phase === "afgesloten") fieldError("zaaknummer", `Zaak ${row.zaaknummer} is afgesloten.`);
    return row;
  });
}

/** Whose absence this person may record: herself, and for a PB everyone in her team. */
export async function absenceCandidates(ctx: CaseContext, p: ActingPerson) {
  if (p.role !== "praktijkbegeleider") return [{ code: p.code, name: p.name }];
  return ctx.db
    .select({ code: people.code, name: people.name })
    .from(people)
    .where(and(eq(people.teamId, p.teamId), eq(people.active, true)))
    .orderBy(asc(people.name));
}

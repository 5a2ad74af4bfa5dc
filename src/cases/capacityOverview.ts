import { and, asc, count, isNull, ne, sql } from "drizzle-orm";
import { cases, people, teams } from "../../db/schema.ts";
import { teamCapacity } from "../domain/capacity.ts";
import type { Role, TeamKind } from "../domain/types.ts";
import type { CaseContext } from "./context.ts";
import { ok, type Result } from "./result.ts";

export interface TeamCapacityView {
  code: string;
  name: string;
  kind: TeamKind;
  norm: number;
  active: number;
  free: number;
  /** Open cases of the team without an owner (the CCP/CRT pool). */
  unowned: number;
  workers: {
    code: string;
    name: string;
    role: Role;
    fte: number;
    norm: number;
    active: number;
    free: number;
  }[];
}

/** Free capacity per team and person: caseload norm × FTE − active cases (domain.md §6). */
export async function capacityOverview(ctx: CaseContext): Promise<Result<TeamCapacityView[]>> {
  const db = ctx.db;
  const teamRows = await db.select().from(teams).orderBy(asc(teams.code));
  const loads = await db
    .select({ ownerId: cases.ownerId, n: count() })
    .from(cases)
    .where(ne(cases.phase, "afgesloten"))
    .groupBy(cases.ownerId);
  const pools = await db
    .select({ teamId: cases.teamId, n: count() })
    .from(cases)
    .where(and(ne(cases.phase, "afgesloten"), isNull(cases.ownerId)))
    .groupBy(cases.teamId);
  const staff = await db.select().from(people).where(sql`${people.active}`).orderBy(asc(people.code));
  const loadBy = new Map(loads.map((l) => [l.ownerId, l.n]));
  const poolBy = new Map(pools.map((p) => [p.teamId, p.n]));

  return ok(
    teamRows.map((team) => {
      const workers = staff
        .filter((p) => p.teamId === team.id)
        .map((p) => ({
          code: p.code,
          name: p.name,
          role: p.role,
          fte: p.fte,
          activeCases: loadBy.get(p.id) ?? 0,
        }));
      const cap = teamCapacity(workers, team.kind, ctx.policy.caseloadNorm);
      return {
        code: team.code,
        name: team.name,
        kind: team.kind,
        norm: cap.norm,
        active: cap.active,
        free: cap.free,
        unowned: poolBy.get(team.id) ?? 0,
        workers: cap.workers.map((w) => ({
          code: w.code,
          name: w.name,
          role: w.role,
          fte: w.fte,
          norm: w.norm,
          active: w.active,
          free: w.free,
        })),
      };
    }),
  );
}

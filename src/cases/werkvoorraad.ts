import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { cases, deadlines, teams } from "../../db/schema.ts";
import { weeksBetween } from "../domain/dates.ts";
import type { DeadlineKind, IsoDate, Measure, Phase, PriorityClass } from "../domain/types.ts";
import { auditRead, type Reader } from "./audit.ts";
import type { CaseContext } from "./context.ts";
import * as f from "./fields.ts";
import { refreshPrioritiesDaily } from "./priorityStore.ts";
import type { Result } from "./result.ts";
import { findTeam, readOnly } from "./run.ts";
import { parseInput } from "./validate.ts";

/** Cases without a vaste jeugdbeschermer: not yet triaged, with the CCP, or on the CRT's werkvoorraad. */
export const WAITING_PHASES: readonly Phase[] = ["aangemeld", "ccp", "crt"];

export const werkvoorraadInput = z.object({
  team: f.teamCode.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(500),
});

export interface WerkvoorraadEntry {
  zaaknummer: string;
  measure: Measure;
  phase: Phase;
  team: string;
  teamName: string;
  priorityClass: PriorityClass | null;
  priorityScore: number | null;
  directUnsafe: boolean;
  weeksWaiting: number;
  nextDue: { kind: DeadlineKind; due: IsoDate; overdue: boolean } | null;
}

export interface Werkvoorraad {
  /** The team asked for, by name; null for all teams. */
  teamName: string | null;
  total: number;
  offset: number;
  entries: WerkvoorraadEntry[];
}

/**
 * Untriaged cases first — triage is the CCP's first norm — oldest receipt first; then by class
 * (A first), score, and the longest wait.
 */
export const priorityOrder = [
  sql`(${cases.phase} = 'aangemeld') desc`,
  sql`case when ${cases.phase} = 'aangemeld' then ${cases.receivedOn} end asc`,
  sql`${cases.priorityClass} asc nulls last`,
  desc(cases.priorityScore),
  asc(cases.phaseSince),
  asc(cases.zaaknummer),
];

/**
 * One page of the werkvoorraad. Reading it is logged as one audit row with every zaaknummer shown;
 * `reader` null is for building a digest, whose delivery is logged instead (src/jobs/deliveryAudit.ts).
 */
export async function listWerkvoorraad(
  ctx: CaseContext,
  input: unknown,
  reader: Reader | null,
): Promise<Result<Werkvoorraad>> {
  const parsed = parseInput(werkvoorraadInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  // The priority follows today's facts: refreshed once a day, before the first list is read.
  await refreshPrioritiesDaily(ctx.db, ctx);
  // Reads only: no transaction. The next deadlines come in one query for the page, after the
  // page is chosen (a subquery per row would be evaluated for every waiting case before the sort).
  return readOnly(ctx, async (tx) => {
    const where: SQL[] = [inArray(cases.phase, [...WAITING_PHASES])];
    const team = v.team ? await findTeam(tx, v.team) : null;
    if (team) where.push(eq(cases.teamId, team.id));
    const rows = await tx
      .select({
        id: cases.id,
        zaaknummer: cases.zaaknummer,
        measure: cases.measure,
        phase: cases.phase,
        team: teams.code,
        teamName: teams.name,
        priorityClass: cases.priorityClass,
        priorityScore: cases.priorityScore,
        directUnsafe: cases.directUnsafe,
        phaseSince: cases.phaseSince,
        // The page carries the total: one statement fewer on every page.
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(cases)
      .innerJoin(teams, eq(teams.id, cases.teamId))
      .where(and(...where))
      .orderBy(...priorityOrder)
      .offset(v.offset)
      .limit(v.limit);
    // Past the last page no row carries it.
    const total =
      rows[0]?.total ??
      (v.offset > 0
        ? ((
            await tx
              .select({ n: count() })
              .from(cases)
              .where(and(...where))
          )[0]?.n ?? 0)
        : 0);
    const next = await nextDueByCase(
      tx,
      rows.map((r) => r.id),
    );
    const today = ctx.today();
    if (reader) {
      await auditRead(
        tx,
        reader,
        "werkvoorraad_ingezien",
        rows.map((r) => r.zaaknummer),
        { team: v.team ?? null },
      );
    }
    return {
      teamName: team?.name ?? null,
      total,
      offset: v.offset,
      entries: rows.map(({ id, phaseSince, total: _total, ...r }) => {
        const d = next.get(id);
        return {
          ...r,
          weeksWaiting: Math.max(0, weeksBetween(phaseSince, today)),
          nextDue: d ? { kind: d.kind, due: d.due, overdue: d.due < today } : null,
        };
      }),
    };
  });
}

/** The earliest open deadline of each case. */
export async function nextDueByCase(
  tx: Parameters<Parameters<CaseContext["db"]["transaction"]>[0]>[0] | CaseContext["db"],
  caseIds: number[],
): Promise<Map<number, { kind: DeadlineKind; due: IsoDate }>> {
  const out = new Map<number, { kind: DeadlineKind; due: IsoDate }>();
  if (caseIds.length === 0) return out;
  const rows = await tx
    .select({ caseId: deadlines.caseId, kind: deadlines.kind, due: deadlines.due })
    .from(deadlines)
    .where(inArray(deadlines.caseId, caseIds))
    .orderBy(asc(deadlines.due));
  for (const r of rows) if (!out.has(r.caseId)) out.set(r.caseId, { kind: r.kind, due: r.due });
  return out;
}

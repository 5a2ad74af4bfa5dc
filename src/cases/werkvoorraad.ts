import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { cases, deadlines, teams } from "../../db/schema.ts";
import { weeksBetween } from "../domain/dates.ts";
import type { DeadlineKind, IsoDate, Measure, Phase, PriorityClass } from "../domain/types.ts";
import { auditRead, type Reader } from "./audit.ts";
import type { CaseContext } from "./context.ts";
import * as f from "./fields.ts";
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
  priorityClass: PriorityClass | null;
  priorityScore: number | null;
  directUnsafe: boolean;
  weeksWaiting: number;
  nextDue: { kind: DeadlineKind; due: IsoDate; overdue: boolean } | null;
}

export interface Werkvoorraad {
  total: number;
  offset: number;
  entries: WerkvoorraadEntry[];
}

/** Ordered by class (A first, untriaged last), then score, then the longest wait. */
export const priorityOrder = [
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
  const parsed = parseInput(werkvoorraadInput, input, ctx.policy);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return readOnly(ctx, async (tx) => {
    const where: SQL[] = [inArray(cases.phase, [...WAITING_PHASES])];
    if (v.team) where.push(eq(cases.teamId, (await findTeam(tx, v.team)).id));
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(cases)
      .where(and(...where));
    const rows = await tx
      .select({
        zaaknummer: cases.zaaknummer,
        measure: cases.measure,
        phase: cases.phase,
        team: teams.code,
        priorityClass: cases.priorityClass,
        priorityScore: cases.priorityScore,
        directUnsafe: cases.directUnsafe,
        phaseSince: cases.phaseSince,
        // The earliest open deadline, in the same statement (not one query per page).
        nextKind: sql<DeadlineKind | null>`(select ${deadlines.kind} from ${deadlines}
          where ${deadlines.caseId} = ${cases.id} order by ${deadlines.due}, ${deadlines.kind} limit 1)`,
        nextDue: sql<IsoDate | null>`(select ${deadlines.due} from ${deadlines}
          where ${deadlines.caseId} = ${cases.id} order by ${deadlines.due}, ${deadlines.kind} limit 1)`,
      })
      .from(cases)
      .innerJoin(teams, eq(teams.id, cases.teamId))
      .where(and(...where))
      .orderBy(...priorityOrder)
      .offset(v.offset)
      .limit(v.limit);
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
      total,
      offset: v.offset,
      entries: rows.map(({ phaseSince, nextKind, nextDue, ...r }) => ({
        ...r,
        weeksWaiting: Math.max(0, weeksBetween(phaseSince, today)),
        nextDue: nextKind && nextDue ? { kind: nextKind, due: nextDue, overdue: nextDue < today } : null,
      })),
    };
  });
}

import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../db/client.ts";
import { auditLog, cases } from "../../db/schema.ts";
import { appendAudit, auditKey, lockChain } from "../cases/audit.ts";
import { isPseudonym, pseudonymise } from "../cases/auditChain.ts";
import type { CaseContext } from "../cases/context.ts";
import { addMonths } from "../domain/dates.ts";
import type { IsoDate } from "../domain/types.ts";
import { log } from "../log.ts";
import { runOncePerPeriod } from "./jobRun.ts";

// AVG opslagbeperking: Zicht is not the case file. A closed case is deleted with everything about it
// once the policy period after closing has passed; the audit log keeps its rows for its own, longer
// period and then only loses the zaaknummers (replaced by a keyed hash), so "who read case X" can
// still be answered by someone who holds the key and the zaaknummer, and nobody else.

export interface RetentionSummary {
  casesDeleted: number;
  rowsDeleted: number;
  auditRowsPseudonymised: number;
}

/** Closed cases whose closing day lies before this day are due for deletion. */
export function caseCutoff(day: IsoDate, months: number): IsoDate {
  return addMonths(day, -months);
}

/**
 * Every table with a foreign key to cases, read from the catalog: a table added later (by a new
 * feature) is included without anyone having to remember retention.
 */
async function tablesReferencingCases(tx: Tx): Promise<{ table: string; column: string }[]> {
  return rowsOf<{ table: string; column: string }>(
    await tx.execute(sql`
      select c.conrelid::regclass::text as "table", a.attname as "column"
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'cases'::regclass
      order by 1`),
  );
}

async function deleteClosedCases(
  tx: Tx,
  cutoff: IsoDate,
): Promise<{ cases: number; rows: number; zaaknummers: string[] }> {
  // A case is closed when its phase is afgesloten; phase_since is the day it was closed.
  const due = await tx
    .select({ id: cases.id, zaaknummer: cases.zaaknummer })
    .from(cases)
    .where(and(eq(cases.phase, "afgesloten"), lt(cases.phaseSince, cutoff)));
  if (due.length === 0) return { cases: 0, rows: 0, zaaknummers: [] };
  const ids = due.map((c) => c.id);
  let rows = 0;
  for (const { table, column } of await tablesReferencingCases(tx)) {
    const deleted = rowsOf<{ n: number }>(
      await tx.execute(
        sql`with d as (delete from ${sql.identifier(table)} where ${sql.identifier(column)} = any(${sql`array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::int[]`}) returning 1) select count(*)::int as n from d`,
      ),
    );
    rows += deleted[0]?.n ?? 0;
  }
  await tx.delete(cases).where(inArray(cases.id, ids));
  return { cases: due.length, rows, zaaknummers: due.map((c) => c.zaaknummer) };
}

/**
 * Replaces the zaaknummers of audit rows older than the period by their keyed hash. The append-only
 * trigger allows exactly this update, only with zicht.audit_pseudonymise set in this transaction,
 * and the hash chain covers the keyed form, so `zicht audit verify` still passes.
 */
async function pseudonymiseOldAudit(tx: Tx, before: Date): Promise<number> {
  await lockChain(tx);
  await tx.execute(sql`select set_config('zicht.audit_pseudonymise', 'on', true)`);
  const key = await auditKey(tx);
  let lastId = 0;
  let count = 0;
  for (;;) {
    const batch = await tx
      .select({ id: auditLog.id, zaaknummers: auditLog.zaaknummers, details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          lt(auditLog.at, before),
          gt(auditLog.id, lastId),
          sql`exists (select 1 from unnest(${auditLog.zaaknummers}) z where z !~ '^#[0-9a-f]{64}$')`,
        ),
      )
      .orderBy(asc(auditLog.id))
      .limit(500);
    if (batch.length === 0) break;
    for (const row of batch) {
      lastId = row.id;
      if (row.zaaknummers.every(isPseudonym)) continue;
      const next = pseudonymise(key, row.zaaknummers, row.details);
      await tx
        .update(auditLog)
        .set({ zaaknummers: next.zaaknummers, details: next.details })
        .where(eq(auditLog.id, row.id));
      count++;
    }
  }
  await tx.execute(sql`select set_config('zicht.audit_pseudonymise', 'off', true)`);
  return count;
}

/** The day's retention run: at most once per day, under the job's advisory lock. */
export async function runRetention(ctx: CaseContext, day: IsoDate) {
  const outcome = await runOncePerPeriod(ctx.db, "retention", day, async (tx) => {
    const removed = await deleteClosedCases(tx, caseCutoff(day, ctx.policy.privacy.caseRetentionMonths));
    const auditBefore = new Date(`${addMonths(day, -12 * ctx.policy.privacy.auditRetentionYears)}T00:00:00Z`);
    const pseudonymised = await pseudonymiseOldAudit(tx, auditBefore);
    if (removed.cases > 0) {
      await appendAudit(tx, null, {
        action: "zaken_verwijderd_bewaartermijn",
        zaaknummers: removed.zaaknummers,
        details: { zaken: removed.cases, rijen: removed.rows },
      });
    }
    const summary: RetentionSummary = {
      casesDeleted: removed.cases,
      rowsDeleted: removed.rows,
      auditRowsPseudonymised: pseudonymised,
    };
    return { ...summary };
  });
  // Counts only: never a zaaknummer in the log line of a deletion.
  if (outcome.ran) log.info({ job: "retention", day, ...outcome.summary }, "retention applied");
  return outcome;
}

export function describeRetention(outcome: Awaited<ReturnType<typeof runRetention>>): string {
  if (!outcome.ran) {
    return outcome.reason === "busy"
      ? "Bewaartermijnen: een andere run is bezig."
      : "Bewaartermijnen zijn vandaag al toegepast.";
  }
  const s = outcome.summary;
  return `Bewaartermijnen toegepast: ${s.casesDeleted} afgesloten zaken verwijderd (${s.rowsDeleted} bijbehorende regels), ${s.auditRowsPseudonymised} auditregels gepseudonimiseerd.`;
}

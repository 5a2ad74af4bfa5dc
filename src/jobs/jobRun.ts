import { and, desc, eq, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "../../db/client.ts";
import { jobRuns } from "../../db/schema.ts";

export type JobOutcome<T> = { ran: true; summary: T } | { ran: false; reason: "already_done" | "busy" };

/**
 * Runs a job for one period at most once, across restarts and replicas: under an advisory lock,
 * recorded in job_runs in the same transaction as everything the job writes. A crash rolls both back,
 * so the period is simply run again.
 */
export async function runOncePerPeriod<T extends Record<string, unknown>>(
  db: Db,
  job: string,
  period: string,
  work: (tx: Tx) => Promise<T>,
): Promise<JobOutcome<T>> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`zicht:${job}`})) as locked`),
    );
    if (!lock?.locked) return { ran: false, reason: "busy" } as const;
    const [done] = await tx
      .select({ id: jobRuns.id })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)));
    if (done) return { ran: false, reason: "already_done" } as const;
    const summary = await work(tx);
    await tx.insert(jobRuns).values({ job, period, finishedAt: new Date(), summary });
    return { ran: true, summary } as const;
  });
}

/** The summary of the latest finished run of a job before `period` (e.g. last week's digest). */
export async function previousRun(db: Db | Tx, job: string, period: string) {
  const [row] = await db
    .select({ period: jobRuns.period, summary: jobRuns.summary })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), sql`${jobRuns.period} < ${period}`))
    .orderBy(desc(jobRuns.period))
    .limit(1);
  return row ?? null;
}

export async function hasRun(db: Db | Tx, job: string, period: string): Promise<boolean> {
  const [row] = await db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)));
  return Boolean(row);
}

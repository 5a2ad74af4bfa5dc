import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client.ts";
import { notifications } from "../db/schema.ts";
import { createContext } from "../src/cases/context.ts";
import { DAY_MESSAGE_KIND, type DayMessagePayload, dayItems } from "../src/cases/dayMessages.ts";
import { listDue } from "../src/cases/dueList.ts";
import { refreshPrioritiesDaily } from "../src/cases/priorityStore.ts";
import { DEFAULT_POLICY } from "../src/domain/policy.ts";
import { renderPayload } from "../src/jobs/payloads.ts";
import { enqueueReminders, planReminders } from "../src/jobs/reminderSweep.ts";
import { buildDigests } from "../src/jobs/runs.ts";
import { freshDatabase } from "./database.ts";
import { seedBench } from "./seedBench.ts";

// npm run bench: seeds 10,000 and 100,000 cases into fresh databases with the same number of due
// items, and times building the digest and the reminder sweep. BENCH_DATABASE_URL runs it on a
// PostgreSQL server instead of the embedded database. `cijfers` has its own bench (bench/cijfers.ts,
// a year of history), which `npm run bench` runs after this one.

const DAY = "2026-06-15"; // a Monday

class Rollback extends Error {}
/** Cases with a deadline around the day: 5,000 give about 3,000 due items at either size. */
const HOT = 5000;
const RUNS = 5;

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
}

const results: {
  cases: number;
  dueItems: number;
  reminders: number;
  seedS: number;
  digestMs: number;
  sweepMs: number;
  dayMessages: number;
  dayMessagesMs: number;
  digestStatements: number;
  sweepStatements: number;
  priorityRefreshMs: number;
  priorityRefreshStatements: number;
}[] = [];
for (const total of [10_000, 100_000]) {
  const { database, drop } = await freshDatabase();
  await database.migrate();
  const ctx = createContext(database.db, DEFAULT_POLICY, () => new Date(`${DAY}T10:00:00Z`));
  const seedStart = performance.now();
  await seedBench(ctx, database.db, total, HOT, DAY);
  await database.db.execute(sql`analyze`);
  const seedS = (performance.now() - seedStart) / 1000;
  const dueItems = (
    await listDue(database.db, ctx.calendar.addWorkdays(DAY, DEFAULT_POLICY.reminders.voorafWorkdays))
  ).length;
  const reminders = (await planReminders(database.db, ctx, DAY)).length;
  // The day's priority refresh is the nightly job's work (every open case, in batches), not the
  // digest's: it is timed and counted on its own, before the digest.
  let before = database.statements.count;
  const refreshStart = performance.now();
  await refreshPrioritiesDaily(database.db, ctx);
  const priorityRefreshMs = performance.now() - refreshStart;
  const priorityRefreshStatements = database.statements.count - before;
  // Statements of one digest and one sweep, counted at the driver.
  before = database.statements.count;
  await buildDigests(ctx, DAY, false);
  const digestStatements = database.statements.count - before;
  before = database.statements.count;
  await database.db
    .transaction(async (tx) => {
      await enqueueReminders(tx, ctx, DAY, ["slack"]);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  const sweepStatements = database.statements.count - before - 2; // without the bench's own BEGIN/ROLLBACK
  const digestMs = await median(() => buildDigests(ctx, DAY, false));
  // The whole sweep (plan and queue in the outbox), rolled back after each run so every run does the same work.
  const sweepMs = await median(() =>
    database.db
      .transaction(async (tx) => {
        await enqueueReminders(tx, ctx, DAY, ["slack"]);
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      }),
  );
  // Mijn dag: queue the day's messages and build each one as the dispatcher does (its items read
  // back, rendered), rolled back after each run.
  let dayMessages = 0;
  const buildDayMessages = async (tx: Tx) => {
    await enqueueReminders(tx, ctx, DAY, ["slack"]);
    const bundles = await tx.select().from(notifications).where(eq(notifications.kind, DAY_MESSAGE_KIND));
    for (const b of bundles)
      renderPayload({ ...(b.payload as DayMessagePayload), items: await dayItems(tx, b.id) });
    dayMessages = bundles.length;
  };
  const dayMessagesMs = await median(() =>
    database.db
      .transaction(async (tx) => {
        await buildDayMessages(tx);
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      }),
  );
  results.push({
    cases: total,
    dueItems,
    reminders,
    seedS: Number(seedS.toFixed(1)),
    digestMs: Math.round(digestMs),
    sweepMs: Math.round(sweepMs),
    dayMessages,
    dayMessagesMs: Math.round(dayMessagesMs),
    digestStatements,
    sweepStatements,
    priorityRefreshMs: Math.round(priorityRefreshMs),
    priorityRefreshStatements,
  });
  await database.close();
  await drop();
}

console.table(results);
const [small, large] = results;
if (small && large) {
  const ratio = large.sweepMs / Math.max(1, small.sweepMs);
  console.log(`sweep 100k / 10k = ${ratio.toFixed(2)} (target ≤ 2 with the same number of due items)`);
  const dayRatio = large.dayMessagesMs / Math.max(1, small.dayMessagesMs);
  console.log(
    `mijn dag (build and queue ${large.dayMessages} day messages) 100k / 10k = ${dayRatio.toFixed(2)} (target ≤ 2)`,
  );
  if (dayRatio > 2) process.exitCode = 1;
  const digestRatio = large.digestMs / Math.max(1, small.digestMs);
  console.log(`digest 100k / 10k = ${digestRatio.toFixed(2)} (issue 16: no regression of 1.11)`);
  const same =
    large.digestStatements === small.digestStatements && large.sweepStatements === small.sweepStatements;
  console.log(`statements of digest and sweep the same at 10k and 100k: ${same ? "yes" : "NO"}`);
  if (!same) process.exitCode = 1;
  if (ratio > 2) process.exitCode = 1;
}

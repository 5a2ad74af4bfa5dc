import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { rowsOf } from "../db/client.ts";
import { createContext } from "../src/cases/context.ts";
import { computeFigures } from "../src/cases/figures.ts";
import { DEFAULT_POLICY } from "../src/domain/policy.ts";
import { freshDatabase } from "./database.ts";
import { seedHistory } from "./seedHistory.ts";

// npm run bench -- cijfers: `cijfers` (computeFigures, the whole organisation and one team) on
// 10,000 and 100,000 cases with a year of recorded history. Target: under 1 s at 100k.
// BENCH_DATABASE_URL runs it on a PostgreSQL server instead of the embedded database.

const DAY = "2026-06-15";
const RUNS = 3;
const sizes = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0);
}

const results = [];
for (const total of sizes) {
  const { database, drop } = await freshDatabase();
  await database.migrate();
  const ctx = createContext(database.db, DEFAULT_POLICY, () => new Date(`${DAY}T10:00:00Z`));
  const seedStart = performance.now();
  await seedHistory(database.db, total, DAY);
  await database.db.execute(sql`analyze`);
  const seedS = Number(((performance.now() - seedStart) / 1000).toFixed(1));
  const [counts] = rowsOf<Record<string, number>>(
    await database.db.execute(sql`select
      (select count(*)::int from case_events) as events,
      (select count(*)::int from case_events where "on" > ${DAY}::date - 365) as "eventsInYear",
      (select count(*)::int from contacts) as contacts,
      (select count(*)::int from arij_assessments) as arijs`),
  );
  const first = await computeFigures(ctx, null, { peildatum: DAY });
  if (!first.ok) throw new Error(first.error.message);
  const f = first.value;
  console.log(`\n${total} cases: the figures as of ${DAY}`);
  console.log(
    JSON.stringify({
      werkvoorraad: { ...f.werkvoorraad, weeks: f.werkvoorraad.weeks.slice(-3) },
      waitingDays: f.waitingDays,
      norms: f.norms,
      safety: f.safety,
      caseload: f.caseload,
    }),
  );
  const allMs = await medianMs(() => computeFigures(ctx, null, { peildatum: DAY }));
  const teamMs = await medianMs(() => computeFigures(ctx, null, { peildatum: DAY, team: "CRT" }));
  results.push({ cases: total, ...counts, seedS, cijfersMs: allMs, cijfersCrtMs: teamMs });
  await database.close();
  await drop();
}
console.log(`\ndatabase: ${process.env.BENCH_DATABASE_URL ? "PostgreSQL server" : "PGlite (embedded)"}`);
console.table(results);
const large = results.find((r) => r.cases === 100_000);
if (large) {
  console.log(
    `cijfers on 100k cases: ${large.cijfersMs} ms, one team ${large.cijfersCrtMs} ms (target < 1000)`,
  );
  if (large.cijfersMs >= 1000 || large.cijfersCrtMs >= 1000) process.exitCode = 1;
}

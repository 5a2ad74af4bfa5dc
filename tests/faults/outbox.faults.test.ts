import { type ChildProcess, spawn } from "node:child_process";
import { and, eq, isNull } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { Dispatcher, type DispatcherOptions, requeueGivenUp } from "../../src/jobs/outbox.ts";
import { planReminders } from "../../src/jobs/reminderSweep.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { startScheduler } from "../../src/jobs/scheduler.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext } from "../support/db.ts";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";
import { type OwnServer, ownServerUnavailable, startOwnServer } from "./pgServer.ts";

// The fault suite of issue 15 (`npm run test:faults`): the outbox against a fake Slack API that
// hangs, answers 429/500 or drops the connection after accepting, two replicas (one a separate
// process that is killed with SIGKILL), and a PostgreSQL server of its own that is restarted and
// killed during dispatch. Every scenario ends with a row in the printed table; every row must show
// 0 duplicates and 0 lost (or everything recovered by `zicht outbox opnieuw`).

const PORT = Number(process.env.ZICHT_FAULTS_PG_PORT ?? 55432);
const DAY = "2026-04-23";
const MINUTE = 60_000;
const OWNERS = ["jb-reg", "ajb-crt", ""];
const CASES = [
  "zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact",
  ...Array.from({ length: 24 }, (_, i) => {
    const owner = OWNERS[i % 3] ?? "";
    const team = owner === "ajb-crt" || i % 6 === 5 ? "crt;CRT" : "regulier;REG";
    return `F-${i + 1};ots;2025-06-01;${team};${owner};2026-01-23`;
  }),
].join("\n");

interface Row {
  scenario: string;
  queued: number;
  delivered: number;
  duplicates: number;
  lost: number;
  recovered: number;
}

const unavailable = ownServerUnavailable();
const table: Row[] = [];
let server: OwnServer;
let fake: FakeSlackApi;
let n = 0;

beforeAll(async () => {
  if (unavailable) return;
  server = startOwnServer(PORT);
  fake = await new FakeSlackApi().start();
});

afterAll(async () => {
  if (unavailable) return;
  await fake.stop();
  server.stop();
  process.stdout.write("\nFault suite (issue 15): every message once, none lost\n");
  console.table(table);
});

/** A fresh database with the test organisation and the day's reminders queued. */
async function scenarioDatabase(sweep = true): Promise<{ url: string; database: Database; keys: string[] }> {
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  const name = `zicht_faults_${++n}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ url });
  await database.migrate();
  await importOrganisation(testContext(database.db, "2026-04-01"), CASES);
  if (sweep)
    await runReminderSweep(testContext(database.db, DAY), DAY, { platforms: ["slack"], digestToCcp: false });
  // The messages: each person's day message (its items travel inside it, under its key).
  const keys = (
    await database.db
      .select({ key: notifications.key })
      .from(notifications)
      .where(isNull(notifications.bundleId))
  ).map((r) => r.key);
  fake.clear();
  return { url, database, keys };
}

const dispatcher = (database: Database, options: Partial<DispatcherOptions> = {}) =>
  new Dispatcher(database.db, {
    senders: { slack: createSlackSender("xoxb-test", { apiUrl: `${fake.url}/api/`, timeoutMs: 5000 }) },
    baseDelayMs: 10,
    pacePerTargetMs: 0,
    ...options,
  });

/** Drains until nothing is left to send, tolerating a database that is still coming back. */
async function drainAll(d: Dispatcher, advance?: () => void) {
  for (let i = 0; i < 30; i++) {
    await d.drain().catch(() => {});
    advance?.();
  }
}

function record(scenario: string, keys: string[], recoveredKeys: Set<string> = new Set()) {
  const delivered = fake.deliveriesByKey();
  const row: Row = {
    scenario,
    queued: keys.length,
    delivered: keys.filter((k) => delivered.has(k)).length,
    duplicates: [...delivered.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    lost: keys.filter((k) => !delivered.has(k)).length,
    recovered: recoveredKeys.size,
  };
  table.push(row);
  return row;
}

function replica(url: string, mode: "claim" | "drain"): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/faults/replica.ts", url, `${fake.url}/api/`, mode],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      if (/claimed|draining/.test(String(chunk))) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`replica exited early (${code})`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe.skipIf(unavailable)(`outbox fault suite${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  it("two replicas racing", async () => {
    const { url, database, keys } = await scenarioDatabase();
    const second = await openDatabase({ url });
    await Promise.all([dispatcher(database).drain(), dispatcher(second).drain()]);
    await second.close();
    await database.close();
    expect(record("two replicas racing", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("replica killed (SIGKILL) between claim and send", async () => {
    const { url, database, keys } = await scenarioDatabase();
    await killed(await replica(url, "claim"));
    const later = Date.now() + 6 * MINUTE; // after the dead replica's lease
    await dispatcher(database, { now: () => new Date(later) }).drain();
    await database.close();
    expect(record("kill -9 between claim and send", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("replica killed (SIGKILL) between send and mark", async () => {
    const { url, database, keys } = await scenarioDatabase();
    // Slack takes the message and the replica dies before it hears back.
    fake.script("chat.postMessage", [{ hang: true, deliver: true }]);
    const arrived = fake.arrived("chat.postMessage");
    const child = await replica(url, "drain");
    await arrived;
    await killed(child);
    fake.releaseHanging();
    const later = Date.now() + 6 * MINUTE;
    await dispatcher(database, { now: () => new Date(later) }).drain();
    await database.close();
    expect(record("kill -9 between send and mark", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("a platform call that never answers, two replicas", async () => {
    const { url, database, keys } = await scenarioDatabase();
    fake.script("chat.postMessage", [{ hang: true }, { hang: true, deliver: true }]);
    const second = await openDatabase({ url });
    const options = { sendTimeoutMs: 500, leaseMs: 5000 };
    await Promise.all([dispatcher(database, options).drain(), dispatcher(second, options).drain()]);
    fake.releaseHanging();
    let now = Date.now();
    await drainAll(dispatcher(database, { now: () => new Date(now) }), () => {
      now += MINUTE;
    });
    await second.close();
    await database.close();
    expect(record("hung platform call", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("connection dropped after Slack accepted, and 500s", async () => {
    const { database, keys } = await scenarioDatabase();
    fake.script("chat.postMessage", [
      { drop: true, deliver: true },
      { status: 500 },
      { drop: true },
      { status: 500 },
    ]);
    let now = Date.now();
    await drainAll(dispatcher(database, { now: () => new Date(now) }), () => {
      now += MINUTE;
    });
    await database.close();
    expect(record("dropped after accept, 500s", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("429 with Retry-After across two replicas", async () => {
    const { url, database, keys } = await scenarioDatabase();
    fake.script("chat.postMessage", [
      { status: 429, retryAfter: 30, body: { ok: false, error: "ratelimited" } },
    ]);
    const second = await openDatabase({ url });
    let now = Date.now();
    const clock = { now: () => new Date(now) };
    await Promise.all([dispatcher(database, clock).drain(), dispatcher(second, clock).drain()]);
    // A replica whose send was already under way when the 429 came may make one call of its own;
    // once the pause is recorded, neither replica tries another message until it ends.
    const posts = () => fake.calls.filter((c) => c.method.startsWith("chat.postMessage")).length;
    const beforePause = posts();
    expect(beforePause).toBeLessThanOrEqual(2);
    await Promise.all([dispatcher(database, clock).drain(), dispatcher(second, clock).drain()]);
    expect(posts()).toBe(beforePause);
    now += MINUTE;
    await Promise.all([dispatcher(database, clock).drain(), dispatcher(second, clock).drain()]);
    await second.close();
    await database.close();
    expect(record("429 across replicas", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  for (const fault of ["restarted", "killed"] as const) {
    it(`database server ${fault} during dispatch`, async () => {
      const { database, keys } = await scenarioDatabase();
      fake.script("chat.postMessage", [{ delayMs: 1500 }]);
      const arrived = fake.arrived("chat.postMessage");
      const d = dispatcher(database, { batchSize: 5 });
      const running = d.drain().catch(() => null);
      await arrived;
      if (fault === "restarted") server.restart();
      else server.kill();
      await running;
      if (fault === "killed") server.start();
      let now = Date.now();
      await drainAll(d, () => {
        now += MINUTE;
      });
      // A replica that started after the fault (its lease view is later) finishes anything left.
      await drainAll(dispatcher(database, { now: () => new Date(now + 6 * MINUTE) }));
      await database.close();
      expect(record(`database ${fault} during dispatch`, keys)).toMatchObject({ duplicates: 0, lost: 0 });
    });
  }

  it("the sweep's lock busy at start-up (the other replica died holding it)", async () => {
    const { url, database } = await scenarioDatabase(false);
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const holding = holder.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('zicht:reminders'))`;
      locked();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await isLocked;
    const now = new Date(`${DAY}T08:00:00Z`);
    const settings = {
      platforms: ["slack" as const],
      digestToCcp: false,
      sweepAt: "07:00",
      digestAt: "23:59",
      dispatchEverySeconds: 1,
    };
    const ctx = testContext(database.db, DAY);
    const d = dispatcher(database, { now: () => new Date(Date.now()) });
    const scheduler = startScheduler(ctx, settings, d, () => now, { jobsEveryMs: 100, soonMs: 100 });
    await new Promise((r) => setTimeout(r, 300));
    // Nothing was queued while the lock was held; this is what the sweep must still queue.
    // One day message per person who gets something.
    const expected = new Set(
      (await planReminders(database.db, ctx, DAY))
        .filter((p) => p.recipientId !== null)
        .map((p) => p.recipientId),
    ).size;
    release();
    await holding;
    await holder.end();
    const until = Date.now() + 10_000;
    while (Date.now() < until && fake.deliveriesByKey().size < expected)
      await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    const keys = (
      await database.db
        .select({ key: notifications.key })
        .from(notifications)
        .where(isNull(notifications.bundleId))
    ).map((r) => r.key);
    await database.close();
    expect(keys.length).toBeGreaterThan(0);
    expect(record("sweep lock busy at start-up", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("a 3-hour Slack outage (fake clock)", async () => {
    const { database, keys } = await scenarioDatabase();
    fake.outage("chat.postMessage", { status: 503 });
    let now = Date.now();
    const d = new Dispatcher(database.db, {
      senders: { slack: createSlackSender("xoxb-test", { apiUrl: `${fake.url}/api/` }) },
      pacePerTargetMs: 0,
      now: () => new Date(now),
    });
    for (let t = 0; t < 180; t++) {
      await d.drain();
      now += MINUTE;
    }
    fake.outage("chat.postMessage", null);
    for (let t = 0; t < 20; t++) {
      await d.drain();
      now += MINUTE;
    }
    await database.close();
    expect(record("3-hour outage", keys)).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it("an outage longer than the retry time: given up, then recovered by `opnieuw`", async () => {
    const { database, keys } = await scenarioDatabase();
    fake.outage("chat.postMessage", { status: 503 });
    let now = Date.now();
    const d = new Dispatcher(database.db, {
      senders: { slack: createSlackSender("xoxb-test", { apiUrl: `${fake.url}/api/` }) },
      pacePerTargetMs: 0,
      retryForMs: 60 * MINUTE,
      now: () => new Date(now),
    });
    for (let t = 0; t < 120; t++) {
      await d.drain();
      now += MINUTE;
    }
    fake.outage("chat.postMessage", null);
    const given = await database.db
      .select({ key: notifications.key })
      .from(notifications)
      .where(and(eq(notifications.status, "failed"), isNull(notifications.bundleId)));
    expect(given.length).toBe(keys.length);
    await requeueGivenUp(database.db, { now: new Date(now) });
    await d.drain();
    await database.close();
    const row = record("outage beyond retry time, re-queued", keys, new Set(given.map((g) => g.key)));
    expect(row).toMatchObject({ duplicates: 0, lost: 0, recovered: keys.length });
  });
});

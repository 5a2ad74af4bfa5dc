import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { Dispatcher, type DispatcherOptions, outboxStatus } from "../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";
import { emptyTables, testContext, testDatabase } from "../support/db.ts";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";
import { importOrganisation } from "./organisation.ts";

// Five cases whose contact falls due on Thursday 23 April 2026 (last seen 23 January).
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact
O-1;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23
O-2;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23
O-3;ots;2025-06-01;regulier;REG;;2026-01-23
O-4;ots;2025-06-01;crt;CRT;ajb-crt;2026-01-23
O-5;ots;2025-06-01;crt;CRT;;2026-01-23`;
const DAY = "2026-04-23";

let db: Db;
let url: string | undefined;
let close: () => Promise<void>;
let fake: FakeSlackApi;

beforeAll(async () => {
  ({ db, close, url } = await testDatabase());
  fake = await new FakeSlackApi().start();
});
afterAll(async () => {
  await fake.stop();
  await close();
});
beforeEach(async () => {
  fake.clear();
  await emptyTables(db, [
    "notifications",
    "outbox_pacing",
    "job_runs",
    "reminder_snoozes",
    "audit_log",
    "contacts",
    "arij_assessments",
    "triages",
    "deadlines",
    "kernbeslissingen",
    "milestones",
    "handovers",
    "cases",
    "people",
    "teams",
  ]);
  await importOrganisation(testContext(db, "2026-04-01"), CASES);
});

const sweep = () => runReminderSweep(testContext(db, DAY), DAY, { platforms: ["slack"], digestToCcp: false });
const dispatcher = (database: Db, options: Partial<DispatcherOptions> = {}) =>
  new Dispatcher(database, {
    senders: { slack: createSlackSender("xoxb-test", `${fake.url}/api/`) },
    baseDelayMs: 10,
    pacePerTargetMs: 0,
    ...options,
  });
/** Delivered messages per reminder, counted at the fake Slack API. */
const deliveries = () => {
  const counts: Record<string, number> = {};
  for (const c of fake.callsTo("chat.postMessage")) {
    const key = `${c.body.channel}:${c.body.text}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe("outbox", () => {
  it("a sweep run twice delivers each person's day message exactly once, with each reminder in it", async () => {
    await sweep();
    await sweep();
    const d = dispatcher(db);
    expect(await d.drain()).toMatchObject({ sent: 4, retried: 0, failed: 0 });
    expect(await d.drain()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(Object.values(deliveries())).toEqual([1, 1, 1, 1]);
    // Unowned cases go to the team's PB: U0PBREG for O-3, U0PBCRT for O-5; O-1 and O-2 are in one
    // message to their owner.
    expect(
      fake
        .callsTo("chat.postMessage")
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(["U0AJBCRT", "U0JBREG", "U0PBCRT", "U0PBREG"]);
    const jb = JSON.stringify(
      fake.callsTo("chat.postMessage").find((c) => c.body.channel === "U0JBREG")?.body,
    );
    expect(jb).toContain("O-1");
    expect(jb).toContain("O-2");
  });

  it("two dispatchers racing on one outbox (two connections) deliver each message once", async () => {
    await sweep();
    const second = url ? await openDatabase({ url }) : null;
    try {
      const results = await Promise.all([dispatcher(db).drain(), dispatcher(second?.db ?? db).drain()]);
      expect(results[0].sent + results[1].sent).toBe(4);
      expect(fake.callsTo("chat.postMessage")).toHaveLength(4);
      expect(Object.values(deliveries()).every((n) => n === 1)).toBe(true);
    } finally {
      await second?.close();
    }
  });

  it("a 429 pauses the platform for Retry-After on every replica, then every message arrives once", async () => {
    await sweep();
    fake.script("chat.postMessage", [
      { status: 429, retryAfter: 2, body: { ok: false, error: "ratelimited" } },
      { status: 500 },
      { status: 500 },
      { status: 500 },
    ]);
    let now = Date.now();
    const d = dispatcher(db, { now: () => new Date(now) });
    const first = await d.drain();
    // One call got the 429; the other three were not tried while Slack asked to wait.
    expect(first).toMatchObject({ retried: 1, deferred: 3, sent: 0 });
    const attempts = () => fake.calls.filter((c) => c.method.startsWith("chat.postMessage")).length;
    expect(attempts()).toBe(1);
    // A second replica (its own dispatcher) respects the same pause: it is in the database.
    now += 1000;
    await dispatcher(db, { now: () => new Date(now) }).drain();
    expect(attempts()).toBe(1);
    const waiting = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.status, "pending"), isNull(notifications.bundleId)));
    expect(waiting.every((n) => n.nextAttemptAt.getTime() - (now - 1000) >= 2000)).toBe(true);
    for (let i = 0; i < 5; i++) {
      now += 5000;
      await d.drain();
    }
    expect(fake.callsTo("chat.postMessage")).toHaveLength(4);
    expect(Object.values(deliveries()).every((n) => n === 1)).toBe(true);
    expect((await outboxStatus(db)).counts).toEqual({ sent: 4 });
  });

  it("a dispatcher killed between claiming and sending: after restart the message arrives once", async () => {
    await sweep();
    const killed = dispatcher(db);
    const claimed = await killed.claimBatch(); // …and the process dies here, before sending
    expect(claimed).toHaveLength(4);
    const restarted = dispatcher(db);
    expect((await restarted.drain()).sent).toBe(0); // still within the dead one's lease
    const later = dispatcher(db, { now: () => new Date(Date.now() + 6 * 60_000) });
    expect((await later.drain()).sent).toBe(4);
    expect(Object.values(deliveries()).every((n) => n === 1)).toBe(true);
  });

  it("gives up after a bounded number of attempts and reports it to the admin channel", async () => {
    await sweep();
    fake.script(
      "chat.postMessage",
      Array.from({ length: 3 }, () => ({ status: 500 })),
    );
    let now = Date.now();
    const d = dispatcher(db, {
      now: () => new Date(now),
      maxAttempts: 3,
      batchSize: 1,
      adminChannels: { slack: "C0ADMIN" },
    });
    await db
      .update(notifications)
      .set({ nextAttemptAt: new Date(now + 3_600_000) })
      .where(sql`${notifications.id} > 1`);
    for (let i = 0; i < 3; i++) {
      await d.drain();
      now += 60_000;
    }
    const status = await outboxStatus(db);
    expect(status.failures).toHaveLength(1);
    expect(status.failures[0]?.lastError).toContain("500");
    const report = fake.channelPosts().find((c) => c.body.channel === "C0ADMIN");
    expect(String(report?.body.text)).toContain("kon bericht mijndag:");
  });

  it("keeps Slack's pace of about one message per second per conversation", async () => {
    // Two days' messages to the same person (the sweep of Friday 24 April sends the te_laat stage).
    await sweep();
    await runReminderSweep(testContext(db, "2026-04-24"), "2026-04-24", {
      platforms: ["slack"],
      digestToCcp: false,
    });
    await dispatcher(db, { pacePerTargetMs: 300 }).drain();
    const toJb = fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "U0JBREG");
    expect(toJb).toHaveLength(2);
    expect(toJb[1]!.at - toJb[0]!.at).toBeGreaterThanOrEqual(290);
  });
});

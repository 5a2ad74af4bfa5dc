import { and, eq, isNull, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../db/client.ts";
import { cases, deadlines, jobRuns, notifications, people } from "../../db/schema.ts";
import { queueNotice } from "../../src/cases/notices.ts";
import {
  Dispatcher,
  type DispatcherOptions,
  givenUpMessages,
  requeueGivenUp,
} from "../../src/jobs/outbox.ts";
import { enqueueReminders } from "../../src/jobs/reminderSweep.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { startScheduler } from "../../src/jobs/scheduler.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";
import { emptyTables, testContext, testDatabase } from "../support/db.ts";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";
import { importOrganisation } from "./organisation.ts";

// The outbox under platform and database faults (issue 15): each test first reproduces a fault
// that was measured, then checks what a person would notice — every message once, none lost.
// Each case has its own recipient, so each reminder is one person's day message.

const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact
O-1;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23
O-2;ots;2025-06-01;regulier;REG;pb-ccp;2026-01-23
O-3;ots;2025-06-01;regulier;REG;;2026-01-23
O-4;ots;2025-06-01;crt;CRT;ajb-crt;2026-01-23
O-5;ots;2025-06-01;crt;CRT;;2026-01-23`;
const DAY = "2026-04-23";
const MINUTE = 60_000;

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

const ctx = () => testContext(db, DAY);
const sweep = () => runReminderSweep(ctx(), DAY, { platforms: ["slack"], digestToCcp: false });
const sender = () => createSlackSender("xoxb-test", { apiUrl: `${fake.url}/api/`, timeoutMs: 5000 });
const dispatcher = (database: Db, options: Partial<DispatcherOptions> = {}) =>
  new Dispatcher(database, { senders: { slack: sender() }, baseDelayMs: 10, pacePerTargetMs: 0, ...options });

/** Delivered messages per outbox key, counted at the fake Slack API. */
const delivered = () => fake.deliveriesByKey();
const duplicates = () => [...delivered().values()].filter((n) => n > 1).length;
/** Messages per status (a day message's items are counted in it, not on their own). */
const statuses = async () =>
  Object.fromEntries(
    (
      await db
        .select({ status: notifications.status, n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(isNull(notifications.bundleId))
        .groupBy(notifications.status)
    ).map((r) => [r.status, r.n]),
  );

/** A second connection to the same database when there is a server (a second replica), else the same. */
async function secondReplica(): Promise<{ db: Db; close(): Promise<void> }> {
  if (!url) return { db, close: async () => {} };
  const second = await openDatabase({ url });
  return { db: second.db, close: () => second.close() };
}

describe("item 1: a platform call that never answers", () => {
  it("is abandoned well within the lease, and the other replica sends nothing twice", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ hang: true }]);
    const other = await secondReplica();
    try {
      const started = Date.now();
      const a = dispatcher(db, { sendTimeoutMs: 300, leaseMs: 10_000 });
      const b = dispatcher(other.db, { sendTimeoutMs: 300, leaseMs: 10_000 });
      await Promise.all([a.drain(), b.drain(), b.drain()]);
      expect(Date.now() - started).toBeLessThan(5000);
      // The hung message's outcome is unknown: checked with Slack before the next try, then sent once.
      await a.drain();
      await new Promise((r) => setTimeout(r, 50));
      await dispatcher(db, { now: () => new Date(Date.now() + MINUTE) }).drain();
      expect(delivered().size).toBe(5);
      expect(duplicates()).toBe(0);
      expect(await statuses()).toEqual({ sent: 5 });
    } finally {
      fake.releaseHanging();
      await other.close();
    }
  });

  it("renews its claim while a slow send is in flight, so no other replica takes the batch", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ delayMs: 1200 }]);
    const other = await secondReplica();
    try {
      const a = dispatcher(db, { leaseMs: 400, sendTimeoutMs: 5000 });
      const running = a.drain();
      await fake.arrived("chat.postMessage");
      // Well past A's lease: without renewal B would take A's rows and send them as well.
      await new Promise((r) => setTimeout(r, 800));
      const b = await dispatcher(other.db, { leaseMs: 400 }).drain();
      await running;
      expect(b.sent).toBe(0);
      expect(delivered().size).toBe(5);
      expect(duplicates()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("the day's sweep does not wait behind a hung dispatcher", async () => {
    // A person's message is queued; its send hangs for a long time.
    const [jb] = await db.select().from(people).where(eq(people.code, "jb-reg"));
    const [o1] = await db.select().from(cases).where(eq(cases.zaaknummer, "O-1"));
    await queueNotice(db, "notice:test", jb!.id, o1!.id, {
      type: "handover_assigned",
      zaaknummer: "O-1",
      by: "pb-reg",
    });
    // Queued long ago, so due on the test's clock (which stands in April 2026).
    await db.update(notifications).set({ nextAttemptAt: new Date("2026-01-01T00:00:00Z") });
    fake.script("chat.postMessage", [{ hang: true }]);
    let now = new Date(`${DAY}T04:00:00Z`); // 06:00 in Amsterdam: before the sweep's time
    const d = dispatcher(db, { sendTimeoutMs: 60_000, now: () => now });
    const settings = {
      platforms: ["slack" as const],
      digestToCcp: false,
      sweepAt: "07:00",
      digestAt: "23:59",
      dispatchEverySeconds: 1,
    };
    const scheduler = startScheduler(ctx(), settings, d, () => now, { jobsEveryMs: 50 });
    try {
      await fake.arrived("chat.postMessage");
      now = new Date(`${DAY}T06:00:00Z`); // 08:00: the sweep is due while the send still hangs
      const deadline = Date.now() + 3000;
      let ran = false;
      while (!ran && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        ran = (await db.select().from(jobRuns).where(eq(jobRuns.job, "reminders"))).length === 1;
      }
      expect(ran).toBe(true);
      expect(fake.hangingCount).toBe(1);
    } finally {
      fake.releaseHanging();
      await scheduler.stop();
    }
  });
});

describe("item 2: sent, and failed to record, are different outcomes", () => {
  it("a database failure right after Slack took the message does not send it again", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ delayMs: 300 }]);
    const d = dispatcher(db, { batchSize: 1 });
    const running = d.drain();
    await fake.arrived("chat.postMessage");
    // The database goes away while Slack is answering.
    await db.execute(sql`alter table notifications rename to notifications_away`);
    await expect(running).rejects.toThrow();
    expect(d.unrecordedCount).toBe(1);
    await db.execute(sql`alter table notifications_away rename to notifications`);
    await d.drain();
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
    expect(await statuses()).toEqual({ sent: 5 });
  });

  it("a replica killed between send and record: the next one finds the message at Slack and does not resend", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ delayMs: 300 }]);
    const killed = dispatcher(db, { batchSize: 1 });
    const running = killed.drain();
    await fake.arrived("chat.postMessage");
    await db.execute(sql`alter table notifications rename to notifications_away`);
    await running.catch(() => {}); // …and this process is gone: what it knew is lost with it
    await db.execute(sql`alter table notifications_away rename to notifications`);
    const restarted = dispatcher(db, { now: () => new Date(Date.now() + 6 * MINUTE) });
    const summary = await restarted.drain();
    expect(summary.sent).toBe(5);
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
  });

  it("a connection dropped after Slack accepted: confirmed at Slack, not sent twice", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ drop: true, deliver: true }]);
    let now = Date.now();
    const d = dispatcher(db, { now: () => new Date(now) });
    expect((await d.drain()).retried).toBe(1);
    now += MINUTE;
    await d.drain();
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
    expect(await statuses()).toEqual({ sent: 5 });
  });

  it("a connection dropped before Slack took it: the check finds nothing and it is sent once", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ drop: true }]);
    let now = Date.now();
    const d = dispatcher(db, { now: () => new Date(now) });
    await d.drain();
    now += MINUTE;
    await d.drain();
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
  });

  it("where the platform cannot be asked, an unknown outcome is reported, never resent", async () => {
    await sweep();
    const taken: string[] = [];
    let first = true;
    // A platform without a way to look a message up (as Teams' Bot Connector).
    const blind = {
      async send(_t: unknown, _m: unknown, ref: { key: string }) {
        taken.push(ref.key);
        if (first) {
          first = false;
          throw new (await import("../../src/jobs/outbox.ts")).SendError(
            "socket hang up",
            undefined,
            false,
            true,
          );
        }
      },
    };
    let now = Date.now();
    const d = new Dispatcher(db, {
      senders: { slack: blind },
      pacePerTargetMs: 0,
      baseDelayMs: 10,
      now: () => new Date(now),
      adminChannels: { slack: "C0ADMIN" },
    });
    await d.drain();
    now += MINUTE;
    await d.drain();
    expect(new Set(taken).size).toBe(taken.length); // no message twice
    expect(taken.filter((k) => k.startsWith("mijndag:"))).toHaveLength(5);
    expect(taken.filter((k) => k.startsWith("admin:"))).toHaveLength(1); // reported to the admins
    const given = await givenUpMessages(db);
    expect(given).toHaveLength(1);
    expect(given[0]?.status).toBe("unconfirmed");
  });
});

describe("item 3: outages, giving up, and queueing again", () => {
  it("survives a 3-hour Slack outage (fake clock): every reminder arrives once, none given up", async () => {
    await sweep();
    fake.outage("chat.postMessage", { status: 500 });
    let now = Date.now();
    const d = new Dispatcher(db, {
      senders: { slack: sender() },
      pacePerTargetMs: 0,
      now: () => new Date(now),
    });
    for (let t = 0; t < 180; t++) {
      await d.drain();
      now += MINUTE;
    }
    expect(await statuses()).toEqual({ pending: 5 });
    fake.outage("chat.postMessage", null);
    for (let t = 0; t < 20; t++) {
      await d.drain();
      now += MINUTE;
    }
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
    expect(await statuses()).toEqual({ sent: 5 });
  });

  it("gives up after its retry time, shows what was given up, and `opnieuw` delivers each once", async () => {
    await sweep();
    fake.outage("chat.postMessage", { status: 500 });
    const start = Date.now();
    let now = start;
    const d = new Dispatcher(db, {
      senders: { slack: sender() },
      pacePerTargetMs: 0,
      retryForMs: 60 * MINUTE,
      now: () => new Date(now),
    });
    for (let t = 0; t < 90; t++) {
      await d.drain();
      now += MINUTE;
    }
    const given = await givenUpMessages(db);
    expect(given.map((g) => g.zaaknummer).sort()).toEqual(["O-1", "O-2", "O-3", "O-4", "O-5"]);
    expect(given.every((g) => g.status === "failed" && g.lastError?.includes("500"))).toBe(true);
    fake.outage("chat.postMessage", null);
    await d.drain();
    expect(delivered().size).toBe(0); // given up stays given up…
    // …until an operator queues it again; "since after the give-up" finds nothing.
    expect(await requeueGivenUp(db, { since: new Date(now + MINUTE) })).toBe(0);
    expect(await requeueGivenUp(db, { since: new Date(start), now: new Date(now) })).toBe(5);
    await d.drain();
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
    expect(await statuses()).toEqual({ sent: 5 });
  });

  it("a given-up reminder does not count as sent: the sweep queues it again", async () => {
    await sweep();
    await db.update(notifications).set({ status: "failed", givenUpAt: new Date() });
    const again = await enqueueReminders(db, ctx(), DAY, ["slack"]);
    expect(again.queued).toBe(5);
    expect(await statuses()).toEqual({ pending: 5 });
  });

  it("a reminder whose deadline was done or moved before sending is dropped, not delivered late", async () => {
    await sweep();
    const [o1] = await db.select().from(cases).where(eq(cases.zaaknummer, "O-1"));
    const [o2] = await db.select().from(cases).where(eq(cases.zaaknummer, "O-2"));
    await db
      .update(deadlines)
      .set({ due: "2026-07-23" })
      .where(and(eq(deadlines.caseId, o1!.id), eq(deadlines.kind, "contact")));
    await db.update(cases).set({ phase: "afgesloten" }).where(eq(cases.id, o2!.id));
    const summary = await dispatcher(db).drain();
    expect(summary).toMatchObject({ sent: 3, dropped: 2 });
    const zaken = fake.callsTo("chat.postMessage").map((c) => String(c.body.text));
    expect(zaken.some((t) => t.includes("O-1") || t.includes("O-2"))).toBe(false);
  });
});

describe("item 14: people before bulk, and a prompt shutdown", () => {
  it("a message answering a person's action goes before the day's reminders", async () => {
    await sweep();
    const [pb] = await db.select().from(people).where(eq(people.code, "pb-crt"));
    const [o5] = await db.select().from(cases).where(eq(cases.zaaknummer, "O-5"));
    await queueNotice(db, "notice:assigned", pb!.id, o5!.id, {
      type: "handover_assigned",
      zaaknummer: "O-5",
      by: "pb-reg",
    });
    await dispatcher(db, { batchSize: 2 }).drain();
    const first = fake.callsTo("chat.postMessage")[0]?.body.metadata as { event_payload: { key: string } };
    expect(first.event_payload.key).toBe("notice:assigned");
  });

  it("stop() claims nothing more, finishes the send in flight, and puts the rest back", async () => {
    await sweep();
    fake.script("chat.postMessage", [{ delayMs: 500 }]);
    const d = dispatcher(db);
    const running = d.drain();
    await fake.arrived("chat.postMessage");
    const t0 = Date.now();
    await d.stop();
    expect(Date.now() - t0).toBeLessThan(2000);
    await running;
    expect(delivered().size).toBe(1);
    expect(await statuses()).toEqual({ sent: 1, pending: 4 });
    await dispatcher(db).drain();
    expect(delivered().size).toBe(5);
    expect(duplicates()).toBe(0);
  });
});

describe("item 13: pace and pauses across replicas", () => {
  it("two replicas keep one conversation's pace together", async () => {
    // Two days' messages to the same person (the sweep of Friday 24 April sends the te_laat stage).
    await sweep();
    await runReminderSweep(testContext(db, "2026-04-24"), "2026-04-24", {
      platforms: ["slack"],
      digestToCcp: false,
    });
    const other = await secondReplica();
    try {
      await Promise.all([
        dispatcher(db, { pacePerTargetMs: 400, batchSize: 1 }).drain(),
        dispatcher(other.db, { pacePerTargetMs: 400, batchSize: 1 }).drain(),
      ]);
      const toJb = fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "U0JBREG");
      expect(toJb).toHaveLength(2);
      // Turns are 400 ms apart on the database's clock; arrival at the fake jitters by a few ms under
      // load. Without shared turns the two replicas sent within a few ms of each other.
      expect(Math.abs(toJb[1]!.at - toJb[0]!.at)).toBeGreaterThanOrEqual(350);
      expect(duplicates()).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe("item 8: a job that found its lock busy", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "tries again until its period is done (the other replica held the lock and died)",
    async () => {
      // Another replica holds the sweep's lock at start-up (advisory locks need a second session).
      const holder = postgres(url as string, { max: 1, onnotice: () => {} });
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
      const now = new Date(`${DAY}T08:00:00Z`); // 10:00 in Amsterdam: the sweep is due
      const settings = {
        platforms: ["slack" as const],
        digestToCcp: false,
        sweepAt: "07:00",
        digestAt: "23:59",
        dispatchEverySeconds: 3600,
      };
      const scheduler = startScheduler(ctx(), settings, dispatcher(db), () => now, { jobsEveryMs: 100 });
      const sweeps = async () => (await db.select().from(jobRuns).where(eq(jobRuns.job, "reminders"))).length;
      try {
        await new Promise((r) => setTimeout(r, 400));
        expect(await sweeps()).toBe(0); // busy: nothing queued yet
        release(); // the other replica is gone without having swept
        await holding;
        const deadline = Date.now() + 3000;
        while ((await sweeps()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(await sweeps()).toBe(1);
        expect((await db.select().from(notifications).where(eq(notifications.kind, "mijn_dag"))).length).toBe(
          5,
        );
      } finally {
        await scheduler.stop();
        await holder.end({ timeout: 5 });
      }
    },
  );
});

import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { auditLog, people } from "../../db/schema.ts";
import { Dispatcher } from "../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";
import { testContext, testDatabase } from "../support/db.ts";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";
import { importOrganisation } from "./organisation.ts";

// A reminder delivered is a read of case details by its recipient: the read log has it, with the
// platform as door and every zaaknummer the message showed. A message that failed is not a read.
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact
D-1;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23
D-2;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23
D-3;ots;2025-06-01;regulier;REG;;2026-01-23`;
const DAY = "2026-04-23";

let db: Db;
let close: () => Promise<void>;
let fake: FakeSlackApi;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  fake = await new FakeSlackApi().start();
  await importOrganisation(testContext(db, "2026-04-01"), CASES);
});
afterAll(async () => {
  await fake.stop();
  await close();
});

describe("delivered reminders in the read log", () => {
  it("one row per delivered message: recipient, platform, the zaaknummers shown", async () => {
    await runReminderSweep(testContext(db, DAY), DAY, { platforms: ["slack"], digestToCcp: false });
    const dispatcher = new Dispatcher(db, {
      senders: { slack: createSlackSender("xoxb-test", `${fake.url}/api/`) },
      baseDelayMs: 10,
      pacePerTargetMs: 0,
    });
    const sent = await dispatcher.drain();
    expect(sent.sent).toBeGreaterThan(0);
    const rows = await db
      .select({
        code: people.code,
        via: auditLog.via,
        access: auditLog.access,
        zaaknummers: auditLog.zaaknummers,
      })
      .from(auditLog)
      .leftJoin(people, eq(people.id, auditLog.actorId))
      .where(eq(auditLog.action, "bericht_bezorgd"));
    expect(rows.length).toBe(sent.sent);
    const shown: Record<string, string[]> = {};
    for (const r of rows) {
      expect(r).toMatchObject({ via: "slack", access: "lezen" });
      shown[r.code ?? "?"] = [...(shown[r.code ?? "?"] ?? []), ...r.zaaknummers].sort();
    }
    // The unowned case went to the team's PB.
    expect(shown).toEqual({ "jb-reg": ["D-1", "D-2"], "pb-reg": ["D-3"] });
  });
  it("through the local console, the door is the console, not the platform it plays", async () => {
    // Later: the te-laat and escalation stages of the same deadlines are due now.
    const day = "2026-07-01";
    const before = new Date();
    await runReminderSweep(testContext(db, day), day, { platforms: ["slack"], digestToCcp: false });
    const sent = await new Dispatcher(db, {
      senders: { slack: createSlackSender("xoxb-test", `${fake.url}/api/`) },
      pacePerTargetMs: 0,
      doors: { slack: "console" },
    }).drain();
    expect(sent.sent).toBeGreaterThan(0);
    const doors = await db
      .select({ via: auditLog.via })
      .from(auditLog)
      .where(and(eq(auditLog.action, "bericht_bezorgd"), gt(auditLog.at, before)));
    expect(doors.map((d) => d.via)).toEqual(Array(sent.sent).fill("console"));
  });
});

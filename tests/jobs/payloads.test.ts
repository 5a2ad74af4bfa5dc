import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { notifications, people } from "../../db/schema.ts";
import { Dispatcher, givenUpMessages } from "../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";
import { testContext, testDatabase } from "../support/db.ts";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";
import { importOrganisation } from "./organisation.ts";

// Outbox payloads are one union, validated when a row is read: a row written by an older version,
// by hand or by a bug is refused as a visible failure (given up, reported to the admin channel,
// listed by `outbox --mislukt`), and the rows around it are still delivered.

const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact
P-1;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23`;
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

describe("outbox payloads", () => {
  it("a row whose payload fits no kind is given up and reported; the valid reminder still goes out", async () => {
    await runReminderSweep(testContext(db, DAY), DAY, { platforms: ["slack"], digestToCcp: false });
    const [jb] = await db.select({ id: people.id }).from(people).where(eq(people.code, "jb-reg"));
    if (!jb) throw new Error("no jb-reg");
    await db.insert(notifications).values([
      // A field of the wrong type, and a kind no version of Zicht ever wrote.
      {
        key: "bad:1",
        kind: "notice",
        recipientId: jb.id,
        payload: { type: "handover_assigned", zaaknummer: 42 },
      },
      { key: "bad:2", kind: "notice", recipientId: jb.id, payload: { type: "verzonnen", zaaknummer: "P-1" } },
    ]);
    const dispatcher = new Dispatcher(db, {
      senders: { slack: createSlackSender("xoxb-test", `${fake.url}/api/`) },
      baseDelayMs: 10,
      pacePerTargetMs: 0,
      adminChannels: { slack: "CADMIN" },
    });
    const first = await dispatcher.drain();
    expect(first).toMatchObject({ failed: 2 });
    await dispatcher.drain();

    const posted = fake
      .callsTo("chat.postMessage")
      .map((c) => ({ channel: c.body.channel, text: JSON.stringify(c.body) }));
    // The reminder reached the jeugdbeschermer (in her day message); nothing of the broken rows was sent to them.
    expect(posted.filter((p) => p.channel === "U0JBREG")).toHaveLength(1);
    expect(String(posted.find((p) => p.channel === "U0JBREG")?.text)).toContain("P-1");
    // The administrators hear about both, by key.
    const admin = posted.filter((p) => p.channel === "CADMIN").map((p) => String(p.text));
    expect(admin).toHaveLength(2);
    expect(admin.join("\n")).toContain("bad:1");
    expect(admin.join("\n")).toContain("bad:2");

    const rows = await db.select().from(notifications);
    const bad = rows.filter((r) => r.key.startsWith("bad:"));
    expect(bad.map((r) => r.status)).toEqual(["failed", "failed"]);
    for (const r of bad) expect(r.lastError).toMatch(/payload does not fit/);
    // The operator's list of given-up messages shows them, ready for a person to look at.
    expect((await givenUpMessages(db)).map((m) => m.id).sort()).toEqual(bad.map((r) => r.id).sort());
  });
});

import { and, asc, eq, isNotNull, like } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../db/client.ts";
import { cases, notifications, people } from "../../db/schema.ts";
import { regroupDayItems } from "../../src/cases/dayMessages.ts";
import { importCsv } from "../../src/cases/import/index.ts";
import { recordAbsence, recordAbsenceAsOperator } from "../../src/cases/recordAbsence.ts";
import { recordContact } from "../../src/cases/recordContact.ts";
import { Dispatcher } from "../../src/jobs/outbox.ts";
import { planReminders } from "../../src/jobs/reminderSweep.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";
import { testContext, testDatabase } from "../support/db.ts";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";

// A fixed organisation in April 2026 (Koningsdag Mon 27 April is a holiday):
// - jb-reg works all week; jb-part works ma di do (Wednesday off); jb-weg is away 20–24 April.
// - Contacts last seen in January fall due three months later:
//   M-1 jb-reg  due Thu 23 Apr   M-2 jb-reg  due Wed 22 Apr   M-3 jb-part due Wed 22 Apr
//   M-4 jb-weg  due Thu 23 Apr (owner away that day → the PB, "vervanging")
//   M-5 unowned due Thu 16 Apr (on the 23rd: te_laat and escalatie, both to the PB: one line)
//   M-6 jb-reg  due Thu 16 Apr (on the 23rd: te_laat to jb-reg, escalatie naming her to the PB)
//   M-7 unowned due Wed 15 Apr (on the 22nd, the first sweep: te_laat and escalatie, both to the
//       PB: one line)
const TEAMS = `code;naam;soort
REG;Regio Test;regulier
CRT;CRT Test;crt`;
const PEOPLE = `code;naam;rol;team;fte;slack_id;werkdagen
pb-reg;Pia Begeleider;praktijkbegeleider;REG;1;U0PBREG;
jb-reg;Joost Beschermer;jeugdbeschermer;REG;1;U0JBREG;ma di wo do vr
jb-part;Dirkje Deeltijd;jeugdbeschermer;REG;0,6;U0JBPART;ma di do
jb-weg;Wim Weg;jeugdbeschermer;REG;1;U0JBWEG;
pb-crt;Petra Crt;praktijkbegeleider;CRT;1;U0PBCRT;`;
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
M-1;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23;2026-01-23;laag
M-2;ots;2025-06-01;regulier;REG;jb-reg;2026-01-22;2026-01-22;laag
M-3;ots;2025-06-01;regulier;REG;jb-part;2026-01-22;2026-01-22;laag
M-4;ots;2025-06-01;regulier;REG;jb-weg;2026-01-23;2026-01-23;laag
M-5;ots;2025-06-01;regulier;REG;;2026-01-16;2026-01-16;laag
M-6;ots;2025-06-01;regulier;REG;jb-reg;2026-01-16;2026-01-16;laag
M-7;ots;2025-06-01;regulier;REG;;2026-01-15;2026-01-15;laag`;

let db: Db;
let url: string | undefined;
let close: () => Promise<void>;
let fake: FakeSlackApi;
const settings = { platforms: ["slack" as const], digestToCcp: false };

beforeAll(async () => {
  ({ db, close, url } = await testDatabase());
  fake = await new FakeSlackApi().start();
  const ctx = testContext(db, "2026-04-01");
  for (const [kind, text] of [
    ["teams", TEAMS],
    ["people", PEOPLE],
    ["cases", CASES],
  ] as const) {
    const r = await importCsv(ctx, null, kind, text);
    if (!r.ok) throw new Error(`${kind}: ${JSON.stringify(r.error)}`);
  }
  const away = await recordAbsenceAsOperator(
    ctx,
    { operator: "test", via: "cli" },
    {
      person: "jb-weg",
      from: "2026-04-20",
      to: "2026-04-24",
    },
  );
  expect(away.ok).toBe(true);
});
afterAll(async () => {
  await fake.stop();
  await close();
});

const dispatcher = (database: Db = db) =>
  new Dispatcher(database, {
    senders: { slack: createSlackSender("xoxb-test", `${fake.url}/api/`) },
    baseDelayMs: 10,
    pacePerTargetMs: 0,
  });
const sweep = (day: string) => runReminderSweep(testContext(db, day), day, settings);

/** Per recipient (Slack id): the day messages posted. */
const postedTo = () => {
  const out: Record<string, number> = {};
  for (const c of fake.callsTo("chat.postMessage"))
    out[String(c.body.channel)] = (out[String(c.body.channel)] ?? 0) + 1;
  return out;
};
const textOf = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body.blocks);
const messageTo = (user: string) => fake.callsTo("chat.postMessage").find((c) => c.body.channel === user);

/** Item rows per day message of `day`: (deadline, stage) items, by recipient code. */
async function itemsPerMessage(day: string): Promise<Map<string, string[]>> {
  const item = alias(notifications, "item");
  const rows = await db
    .select({ code: people.code, key: item.key })
    .from(notifications)
    .innerJoin(item, eq(item.bundleId, notifications.id))
    .innerJoin(people, eq(people.id, notifications.recipientId))
    .where(and(eq(notifications.kind, "mijn_dag"), like(notifications.key, `%:${day}`)))
    .orderBy(asc(item.id));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), r.key]);
  return out;
}

describe("Mijn dag: one message per person per working day", () => {
  it("Wednesday 22 April: one message per person with items, the items equal the dry run, nothing for the part-timer on her day off", async () => {
    const planned = await planReminders(db, testContext(db, "2026-04-22"), "2026-04-22");
    expect(planned.some((p) => p.recipient === "jb-part")).toBe(false);
    expect(await sweep("2026-04-22")).toMatchObject({ ran: true, summary: { planned: planned.length } });
    const items = await itemsPerMessage("2026-04-22");
    expect([...items.values()].flat().sort()).toEqual(
      planned.map((p) => `reminder:${p.zaaknummer}:${p.kind}:${p.due}:${p.stage}`).sort(),
    );
    expect([...items.keys()].sort()).toEqual([...new Set(planned.map((p) => p.recipient))].sort());

    await dispatcher().drain();
    expect(postedTo()).toEqual({ U0JBREG: 1, U0PBREG: 1 });
    const joost = textOf(messageTo("U0JBREG")!);
    for (const heading of ["Vandaag", "Binnenkort"]) expect(joost).toContain(heading);
    expect(joost).toContain("M-2");
    for (const label of ["Registreren", "Al gedaan", "Uitstellen", "Zaakkaart"])
      expect(joost).toContain(label);
    expect(joost).not.toContain("M-3");
  });

  it("the absent owner's deadline goes to the PB, marked and with a prefilled handover", async () => {
    const pia = textOf(messageTo("U0PBREG")!);
    expect(pia).toContain("M-4");
    expect(pia).toContain("vervanging: eigenaar afwezig (Wim Weg)");
    const handover = fake
      .callsTo("chat.postMessage")
      .flatMap((c) => (c.body.blocks as { elements?: { action_id: string; value: string }[] }[]) ?? [])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id.startsWith("overdracht.open"));
    expect(JSON.parse(handover!.value)).toMatchObject({ z: "M-4", k: "werker_werker", r: "verlof" });
    expect(postedTo().U0JBWEG).toBeUndefined();
  });

  it("an unowned case's reminder and escalation to the PB are one line, under Escalaties", async () => {
    const items = await itemsPerMessage("2026-04-22");
    expect(items.get("pb-reg")).toEqual(
      expect.arrayContaining([
        "reminder:M-7:contact:2026-04-15:te_laat",
        "reminder:M-7:contact:2026-04-15:escalatie",
      ]),
    );
    const pia = textOf(messageTo("U0PBREG")!);
    expect(pia.match(/\*M-7\*/g)).toHaveLength(1);
    expect(pia).toContain("Escalaties");
    expect(pia).toMatch(/M-7[^"]*geen eigenaar/);
  });

  it("Thursday 23 April: the part-timer gets everything she missed; a PB gets one line per deadline, escalations name the owner", async () => {
    fake.clear();
    const planned = await planReminders(db, testContext(db, "2026-04-23"), "2026-04-23");
    await sweep("2026-04-23");
    const items = await itemsPerMessage("2026-04-23");
    expect([...items.values()].flat().length).toBe(planned.length);
    expect(items.get("jb-part")).toEqual(["reminder:M-3:contact:2026-04-22:te_laat"]);
    await dispatcher().drain();
    expect(postedTo()).toEqual({ U0JBREG: 1, U0PBREG: 1, U0JBPART: 1 });

    const pia = textOf(messageTo("U0PBREG")!);
    expect(pia).toContain("Escalaties");
    expect(pia).toContain("eigenaar: Joost Beschermer"); // M-6
    expect(pia).toMatch(/M-5[^"]*geen eigenaar/);
  });

  it("an item done later that day updates the message in place: one chat.update, no new message", async () => {
    fake.clear();
    const [joost] = await db.select().from(people).where(eq(people.code, "jb-reg"));
    const done = await recordContact(
      testContext(db, "2026-04-23"),
      { personId: joost!.id, via: "slack" },
      { zaaknummer: "M-1", date: "2026-04-23", kind: "kind_face_to_face", newConcerns: false },
    );
    expect(done.ok).toBe(true);
    await dispatcher().drain();
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
    const updates = fake.callsTo("chat.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.channel).toBe("D0JBREG");
    expect(textOf(updates[0]!)).toContain("Gedaan");
    expect(textOf(updates[0]!)).toMatch(/M-1[^"]*gedaan/);
    // Draining again sends nothing more.
    await dispatcher().drain();
    expect(fake.calls.filter((c) => c.method.startsWith("chat."))).toHaveLength(1);
  });

  it("an item that arrives after the day's message is added to it", async () => {
    fake.clear();
    // A sweep of the same day run again (another replica, the CLI) after M-2's due date moved
    // puts nothing new in; an item that does arrive goes into the sent message.
    const [msg] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.key, "mijndag:jb-reg:2026-04-23"));
    await db
      .update(notifications)
      .set({ status: "failed" })
      .where(
        and(
          eq(notifications.key, "reminder:M-6:contact:2026-04-16:te_laat"),
          isNotNull(notifications.bundleId),
        ),
      );
    const { enqueueReminders } = await import("../../src/jobs/reminderSweep.ts");
    const again = await enqueueReminders(db, testContext(db, "2026-04-23"), "2026-04-23", ["slack"]);
    expect(again.queued).toBe(1);
    await dispatcher().drain();
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
    expect(fake.callsTo("chat.update")).toHaveLength(1);
    expect(textOf(fake.callsTo("chat.update")[0]!)).toContain("M-6");
    const [after] = await db.select().from(notifications).where(eq(notifications.id, msg!.id));
    expect(after!.status).toBe("sent");
  });

  it("organisation holidays stop everything: Koningsdag has no sweep and no message", async () => {
    fake.clear();
    expect(await planReminders(db, testContext(db, "2026-04-27"), "2026-04-27")).toEqual([]);
    expect(await sweep("2026-04-27")).toEqual({ ran: false, reason: "not_a_working_day" });
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "two replicas sweeping and dispatching the same day deliver one message per person (PostgreSQL server)",
    async () => {
      fake.clear();
      const second = await openDatabase({ url: url! });
      try {
        // Three more people's contacts fall due on Thursday 7 May.
        const more = await importCsv(
          testContext(db, "2026-04-28"),
          null,
          "cases",
          `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
N-1;ots;2025-06-01;regulier;REG;jb-reg;2026-02-07;2026-02-07;laag
N-2;ots;2025-06-01;regulier;REG;jb-part;2026-02-07;2026-02-07;laag
N-3;ots;2025-06-01;crt;CRT;;2026-02-07;2026-02-07;laag`,
        );
        expect(more.ok).toBe(true);
        const day = "2026-05-07";
        const planned = await planReminders(db, testContext(db, day), day);
        const [a, b] = await Promise.all([
          runReminderSweep(testContext(db, day), day, settings),
          runReminderSweep(testContext(second.db, day), day, settings),
        ]);
        expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
        // The CLI's `reminders --date` on a third connection, racing the dispatchers, adds nothing.
        const { enqueueReminders } = await import("../../src/jobs/reminderSweep.ts");
        await Promise.all([
          dispatcher(db).drain(),
          dispatcher(second.db).drain(),
          enqueueReminders(second.db, testContext(second.db, day), day, ["slack"]),
        ]);
        await Promise.all([dispatcher(db).drain(), dispatcher(second.db).drain()]);
        const perPerson = postedTo();
        expect(Object.keys(perPerson).sort()).toEqual(["U0JBPART", "U0JBREG", "U0PBCRT", "U0PBREG"]);
        expect([...(await itemsPerMessage(day)).values()].flat()).toHaveLength(planned.length);
        expect(Object.values(perPerson).every((n) => n === 1)).toBe(true);
      } finally {
        await second.close();
      }
    },
  );
});

describe("a handover decided after the sweep", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "moves the case's undelivered items into the new owner's day message, out of the old one's",
    async () => {
      // Runs after the replica test's N-cases: on Friday 8 May N-1's te_laat is jb-reg's.
      fake.clear();
      const day = "2026-05-08";
      await sweep(day);
      const [n1Item] = await db
        .select()
        .from(notifications)
        .where(eq(notifications.key, "reminder:N-1:contact:2026-05-07:te_laat"));
      expect(n1Item?.status).toBe("pending");
      // What accepting a werker → werker handover to jb-weg does to the case's pending reminders.
      const [weg] = await db.select().from(people).where(eq(people.code, "jb-weg"));
      await db.update(cases).set({ ownerId: weg!.id }).where(eq(cases.id, n1Item!.caseId!));
      await db
        .update(notifications)
        .set({ recipientId: weg!.id, platform: null })
        .where(eq(notifications.id, n1Item!.id));
      await regroupDayItems(db, n1Item!.caseId!);
      await dispatcher().drain();
      const toWeg = fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "U0JBWEG");
      expect(toWeg).toHaveLength(1);
      expect(textOf(toWeg[0]!)).toContain("N-1");
      const toJoost = fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "U0JBREG");
      expect(toJoost.map(textOf).join()).not.toContain("N-1");
    },
  );
});

describe("working days in the people CSV", () => {
  it("a bad werkdagen value is refused in Dutch at its row and column, and nothing is written", async () => {
    const ctx = testContext(db, "2026-04-01");
    const r = await importCsv(
      ctx,
      null,
      "people",
      `code;naam;rol;team;fte;werkdagen
jb-nieuw;Nina Nieuw;jeugdbeschermer;REG;1;ma di
jb-fout;Fien Fout;jeugdbeschermer;REG;1;maandag dondr`,
    );
    expect(r.ok).toBe(false);
    const rows = r.ok ? [] : (r.error.rows ?? []);
    expect(rows).toEqual([
      {
        line: 3,
        column: "werkdagen",
        message: "regel 3, kolom werkdagen: gebruik dagen als ma di wo do vr, gescheiden door spaties",
      },
    ]);
    expect(await db.select().from(people).where(eq(people.code, "jb-nieuw"))).toEqual([]);
  });

  it("full day names and abbreviations are read; an empty cell means all five", async () => {
    const ctx = testContext(db, "2026-04-01");
    const r = await importCsv(
      ctx,
      null,
      "people",
      `code;naam;rol;team;fte;werkdagen
jb-nieuw;Nina Nieuw;jeugdbeschermer;REG;1;Maandag di DO
jb-vol;Victor Vol;jeugdbeschermer;REG;1;`,
    );
    expect(r.ok).toBe(true);
    const days = async (code: string) =>
      (await db.select().from(people).where(eq(people.code, code)))[0]?.workingDays;
    expect(await days("jb-nieuw")).toEqual([1, 2, 4]);
    expect(await days("jb-vol")).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("afwezig in chat: the person herself or her PB", () => {
  const actor = async (code: string) => {
    const [p] = await db.select().from(people).where(eq(people.code, code));
    return { personId: p!.id, via: "slack" };
  };
  it("a PB records a team member's absence; a jeugdbeschermer cannot record a colleague's", async () => {
    const ctx = testContext(db, "2026-05-01");
    const byPb = await recordAbsence(ctx, await actor("pb-reg"), {
      person: "jb-part",
      from: "2026-06-01",
      to: "2026-06-05",
    });
    expect(byPb).toMatchObject({ ok: true, value: { person: "jb-part", name: "Dirkje Deeltijd" } });
    const own = await recordAbsence(ctx, await actor("jb-reg"), {
      person: "jb-reg",
      from: "2026-06-01",
      to: "2026-06-02",
    });
    expect(own.ok).toBe(true);
    const other = await recordAbsence(ctx, await actor("jb-reg"), {
      person: "jb-part",
      from: "2026-06-01",
      to: "2026-06-02",
    });
    expect(other).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("an end before the start is refused at the field, in Dutch", async () => {
    const r = await recordAbsence(testContext(db, "2026-05-01"), await actor("jb-reg"), {
      person: "jb-reg",
      from: "2026-06-05",
      to: "2026-06-01",
    });
    expect(r).toMatchObject({
      ok: false,
      error: { fields: { to: "De einddatum ligt voor de begindatum." } },
    });
  });
});

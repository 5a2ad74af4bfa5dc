import { asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { type DayMessagePayload, dayItems } from "../../src/cases/dayMessages.ts";
import { renderPayload } from "../../src/jobs/payloads.ts";
import { planReminders } from "../../src/jobs/reminderSweep.ts";
import { runReminderSweep } from "../../src/jobs/runs.ts";
import { testContext, testDatabase } from "../support/db.ts";
import { importOrganisation } from "./organisation.ts";

// Contacts last seen in January 2026: with the 3-month norm they fall due around Koningsdag.
// last contact Fri 23 Jan → due Thu 23 April (vooraf Thu 16 April, te_laat Fri 24 April,
//      escalatie Fri 1 May: Koningsdag 27 April is skipped).
// unowned CRT case, last contact Mon 26 Jan → due Sun 26 April → Tue 28 April.
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
R-1;ots;2025-06-01;regulier;REG;jb-reg;2026-01-23;2026-01-23;laag
R-2;ots;2025-06-01;crt;CRT;;2026-01-26;2026-01-26;laag`;

let db: Db;
let close: () => Promise<void>;
const settings = { platforms: ["slack"] as const, digestToCcp: false };

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await importOrganisation(testContext(db, "2026-04-01"), CASES);
});
afterAll(async () => close());

const sweep = (day: string) =>
  runReminderSweep(testContext(db, day), day, { ...settings, platforms: [...settings.platforms] });
/** The (deadline, stage) items queued so far, each once. */
const queued = async () =>
  (
    await db
      .select({ key: notifications.key, recipientId: notifications.recipientId })
      .from(notifications)
      .where(eq(notifications.kind, "reminder"))
      .orderBy(asc(notifications.id))
  ).map((r) => r.key);
/** The day messages queued so far: one per person per working day. */
const dayMessages = async () =>
  (
    await db
      .select({ key: notifications.key })
      .from(notifications)
      .where(eq(notifications.kind, "mijn_dag"))
      .orderBy(asc(notifications.id))
  ).map((r) => r.key);

describe("reminder sweep", () => {
  it("sends nothing on Koningsdag 2026 or on a Sunday", async () => {
    expect(await planReminders(db, testContext(db, "2026-04-27"), "2026-04-27")).toEqual([]);
    expect(await planReminders(db, testContext(db, "2026-04-26"), "2026-04-26")).toEqual([]);
    expect(await sweep("2026-04-27")).toEqual({ ran: false, reason: "not_a_working_day" });
  });

  it("sends the vooraf stage to the owner five working days before", async () => {
    const planned = await planReminders(db, testContext(db, "2026-04-16"), "2026-04-16");
    expect(
      planned.map(({ kind, zaaknummer, recipient, due, stage }) => ({
        kind,
        zaaknummer,
        recipient,
        due,
        stage,
      })),
    ).toEqual([
      { kind: "contact", zaaknummer: "R-1", recipient: "jb-reg", due: "2026-04-23", stage: "vooraf" },
    ]);
    expect(await sweep("2026-04-16")).toMatchObject({ ran: true, summary: { queued: 1, messages: 1 } });
    expect(await dayMessages()).toEqual(["mijndag:jb-reg:2026-04-16"]);
  });

  it("running the same day twice queues nothing more", async () => {
    const before = [await queued(), await dayMessages()];
    expect(await sweep("2026-04-16")).toEqual({ ran: false, reason: "already_done" });
    expect([await queued(), await dayMessages()]).toEqual(before);
  });

  it("after days without a sweep, only the message that still makes sense goes out", async () => {
    // Down from Friday 17 to Thursday 23 April: R-1's vandaag is due. R-2's vooraf date (Mon 20 April)
    // was missed; on the 23rd it is still R-2's latest owner stage, so it goes out now — to the CRT's
    // PB, as the case has no owner.
    await sweep("2026-04-23");
    expect(await queued()).toEqual([
      "reminder:R-1:contact:2026-04-23:vooraf",
      "reminder:R-1:contact:2026-04-23:vandaag",
      "reminder:R-2:contact:2026-04-28:vooraf",
    ]);
    expect(await dayMessages()).toEqual([
      "mijndag:jb-reg:2026-04-16",
      "mijndag:jb-reg:2026-04-23",
      "mijndag:pb-crt:2026-04-23",
    ]);
    const [r2] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.key, "reminder:R-2:contact:2026-04-28:vooraf"));
    expect(r2?.payload).toMatchObject({ zaaknummer: "R-2", stage: "vooraf" });
  });

  it("a missed day is caught up on the next sweep; the escalation goes to the PB, nothing twice", async () => {
    await sweep("2026-04-28"); // Tuesday after Koningsdag: R-1 te_laat, R-2 vandaag
    await sweep("2026-04-29");
    await sweep("2026-05-01"); // R-1 escalatie (5 werkdagen after 23 April, skipping Koningsdag)
    await sweep("2026-05-04");
    expect(await queued()).toEqual([
      "reminder:R-1:contact:2026-04-23:vooraf",
      "reminder:R-1:contact:2026-04-23:vandaag",
      "reminder:R-2:contact:2026-04-28:vooraf",
      "reminder:R-1:contact:2026-04-23:te_laat",
      "reminder:R-2:contact:2026-04-28:vandaag",
      "reminder:R-2:contact:2026-04-28:te_laat",
      "reminder:R-1:contact:2026-04-23:escalatie",
    ]);
    const planned = await planReminders(db, testContext(db, "2026-05-06"), "2026-05-06");
    expect(planned.map((p) => `${p.zaaknummer}:${p.stage}:${p.recipient}`)).toEqual(["R-2:escalatie:pb-crt"]);
  });

  it("an escalation names the case's owner by name, and says so when there is none (issue 11 item 2)", async () => {
    await sweep("2026-05-06");
    const rows = await db.select().from(notifications).where(like(notifications.key, "%:escalatie"));
    // Each escalation as the PB reads it: in her day message.
    const text = async (zaaknummer: string) => {
      const item = rows.find((r) => r.key.includes(`:${zaaknummer}:`));
      const [bundle] = await db
        .select()
        .from(notifications)
        .where(eq(notifications.id, item?.bundleId ?? 0));
      const payload = {
        ...(bundle?.payload as DayMessagePayload),
        items: await dayItems(db, bundle?.id ?? 0),
      };
      return JSON.stringify(renderPayload(payload)).split("\\n");
    };
    const r1 = (await text("R-1")).find((l) => l.includes("R-1")) ?? "";
    const r2 = (await text("R-2")).find((l) => l.includes("R-2")) ?? "";
    expect(r1).toContain("eigenaar: Joost Beschermer");
    expect(r1).not.toContain("pb-reg");
    expect(r2).toContain("geen eigenaar");
    expect(r2).not.toContain("pb-crt");
  });
});

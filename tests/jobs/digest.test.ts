import { asc, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { listDue } from "../../src/cases/dueList.ts";
import type { Digest } from "../../src/jobs/digest.ts";
import { buildDigests } from "../../src/jobs/runs.ts";
import { runDueJobs } from "../../src/jobs/scheduler.ts";
import { digestMessage } from "../../src/ui/digestView.ts";
import { testContext, testDatabase } from "../support/db.ts";
import { importOrganisation } from "./organisation.ts";

// CRT cases with different urgency; D-1 is long overdue for contact and ARIJ.
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;geboortejaren;laatste_contact;laatste_arij;arij_risico;directe_onveiligheid
D-1;ots;2025-01-10;crt;CRT;;2024;2025-10-01;2025-03-01;hoog;nee
D-2;vots;2026-03-02;crt;CRT;ajb-crt;2012;2026-03-20;2026-03-20;laag;nee
D-3;ots;2025-11-03;crt;CRT;;2020;2026-02-02;2026-02-02;middelmatig;ja
D-4;jr;2025-09-01;crt;CRT;ajb-crt;2010;2026-04-01;2026-04-01;laag;nee
N-1;ots;2025-09-01;regulier;REG;jb-reg;2015;2026-04-01;2026-04-01;laag;nee`;

let db: Db;
let close: () => Promise<void>;
const settings = {
  platforms: ["slack" as const],
  digestToCcp: false,
  sweepAt: "08:00",
  digestAt: "08:30",
  dispatchEverySeconds: 15,
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await importOrganisation(testContext(db, "2026-04-15"), CASES);
});
afterAll(async () => close());

const digestKeys = async () =>
  (
    await db
      .select({ key: notifications.key })
      .from(notifications)
      .where(like(notifications.key, "digest:%"))
      .orderBy(asc(notifications.id))
  ).map((r) => r.key);

describe("weekly digest", () => {
  it("skips Koningsdag (Monday 27 April 2026) and goes out on Tuesday, once", async () => {
    const ctx = testContext(db, "2026-04-27");
    await runDueJobs(ctx, settings, new Date("2026-04-27T07:00:00Z")); // 09:00 in Amsterdam, a holiday
    expect(await digestKeys()).toEqual([]);
    await runDueJobs(testContext(db, "2026-04-28"), settings, new Date("2026-04-28T06:00:00Z")); // 08:00: not yet
    expect(await digestKeys()).toEqual([]);
    await runDueJobs(testContext(db, "2026-04-28"), settings, new Date("2026-04-28T06:31:00Z"));
    await runDueJobs(testContext(db, "2026-04-28"), settings, new Date("2026-04-28T12:00:00Z"));
    expect(await digestKeys()).toEqual(["digest:CRT:2026-W18:slack"]);
  });

  it("catches up a Monday missed while Zicht was down, once", async () => {
    // Monday 4 May before 08:30, then nothing until Wednesday.
    await runDueJobs(testContext(db, "2026-05-04"), settings, new Date("2026-05-04T06:00:00Z"));
    expect(await digestKeys()).toEqual(["digest:CRT:2026-W18:slack"]);
    await runDueJobs(testContext(db, "2026-05-06"), settings, new Date("2026-05-06T09:00:00Z"));
    await runDueJobs(testContext(db, "2026-05-06"), settings, new Date("2026-05-06T10:00:00Z"));
    expect(await digestKeys()).toEqual(["digest:CRT:2026-W18:slack", "digest:CRT:2026-W19:slack"]);
  });

  it("lists the CRT's cases by class then score, compares with last week, and cuts nothing it need not", async () => {
    const [digest] = (
      await db.select().from(notifications).where(like(notifications.key, "digest:CRT:2026-W19%"))
    ).map((r) => (r.payload as { digest: Digest }).digest);
    expect(digest?.size).toBe(4);
    expect(digest?.previousSize).toBe(4);
    const order = digest?.list.map((e) => [e.priorityClass, e.priorityScore]) ?? [];
    const sorted = [...order].sort(
      (a, b) => String(a[0]).localeCompare(String(b[0])) || Number(b[1]) - Number(a[1]),
    );
    expect(order).toEqual(sorted);
    expect(digest?.list[0]).toMatchObject({ zaaknummer: "D-3", priorityClass: "A" });
    expect(digest?.list.map((e) => e.zaaknummer)).not.toContain("N-1");
    expect(digest?.terugstroom).toContainEqual({
      zaaknummer: "D-3",
      reasons: expect.arrayContaining(["directe_onveiligheid"]),
    });
  });

  it("has overdue lists equal to what `due` gives for the same day", async () => {
    const day = "2026-05-06";
    const [digest] = await buildDigests(testContext(db, day), day, false);
    const crt = new Set(digest?.list.map((e) => e.zaaknummer));
    const due = (await listDue(db, day)).filter((d) => d.overdue && crt.has(d.zaaknummer));
    expect(digest?.overdueContacts).toEqual(due.filter((d) => d.kind === "contact"));
    expect(digest?.overdueArij).toEqual(due.filter((d) => d.kind === "arij"));
    expect(digest?.overdueContacts.map((d) => d.zaaknummer)).toContain("D-1");
    expect(digest?.overdueArij.map((d) => d.zaaknummer)).toContain("D-1");
  });
});

describe("the digest as the PB reads it", () => {
  it("carries the team's chart, puts what is overdue and what can go back before the list, and leaves out what needs no action", async () => {
    const day = "2026-05-06";
    const [digest] = await buildDigests(testContext(db, day), day, false);
    const shown = digestMessage(digest!);
    const headings = shown.blocks.filter((b) => b.type === "heading").map((b) => b.text);
    expect(headings).toEqual([
      "Weekoverzicht CRT Test — 06-05-2026",
      `Te laat (${digest!.overdueContacts.length + digest!.overdueArij.length})`,
      "Terugstroom",
      "Prioriteitenlijst",
    ]);
    const chart = shown.blocks.find((b) => b.type === "image");
    expect(chart?.type === "image" && chart.alt).toMatch(/^Werkvoorraad per week over 26 weken/);
    expect(
      Buffer.from(chart?.type === "image" ? chart.png : "", "base64")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const text = JSON.stringify(shown.blocks.filter((b) => b.type !== "image"));
    // Overdue contact and ARIJ of D-1 in one list, each saying what is late.
    expect(text).toContain("D-1 — contactmoment te laat sinds");
    expect(text).toContain("D-1 — ARIJ te laat sinds");
    // Capacity is one line naming only teams with room; CRT workers within their norm are not listed.
    const room = digest!.regularCapacity.filter((t) => t.free >= 1);
    expect(text).toContain(
      room.length ? "Ruimte in reguliere teams: Regio Test" : "Geen regulier team heeft nu ruimte.",
    );
    for (const w of digest!.crtCaseload.filter((x) => x.free >= 0)) expect(text).not.toContain(w.name);
    expect(text).toContain("Iedereen in het CRT zit binnen de norm");
  });
});

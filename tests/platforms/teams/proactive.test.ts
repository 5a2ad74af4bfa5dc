import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, kernbeslissingen, notifications, people, teams } from "../../../db/schema.ts";
import { recordArij } from "../../../src/cases/recordArij.ts";
import { recordKernbeslissing } from "../../../src/cases/recordKernbeslissing.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runDigest, runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { testContext } from "../../support/db.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

const TODAY = "2026-11-23";
const settings = { platforms: ["teams" as const], digestToCcp: false };
let h: TeamsHarness;
let dispatcher: Dispatcher;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  for (const p of await h.db.select({ code: people.code }).from(people))
    expect(await h.install(p.code)).toBe(200);
  h.connector.clear(); // the welcome cards
  dispatcher = new Dispatcher(h.db, {
    senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
    pacePerTargetMs: 0,
    baseDelayMs: 10,
  });
});
afterAll(async () => h.close());

const cardsIn = (conversation: string) => h.connector.cardsTo(conversation);

describe("proactive messages in Teams", () => {
  it("delivers reminder DMs as 1:1 chats and the digest to the CRT channel, through 429s", async () => {
    const ctx = testContext(h.db, TODAY);
    await runReminderSweep(ctx, TODAY, settings);
    await runDigest(ctx, TODAY, settings);
    h.connector.script([{ status: 429, retryAfter: 1 }, { status: 500 }]);
    let now = Date.now();
    const d = new Dispatcher(h.db, {
      senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
      pacePerTargetMs: 0,
      now: () => new Date(now),
    });
    // A 429 pauses all of Teams for its Retry-After, so the 500 comes on a later round.
    for (let round = 0; round < 3; round++) {
      await d.drain();
      now += 60_000;
    }
    const queued = await h.db.select().from(notifications);
    expect(queued.filter((n) => n.status !== "sent").map((n) => [n.key, n.status, n.lastError])).toEqual([]);
    // One call per message: the reminders' items travel inside each person's day message.
    expect(h.connector.calls).toHaveLength(queued.filter((n) => n.bundleId === null).length);
    const digest = cardsIn("19:demo-crt@thread.tacv2");
    expect(digest).toHaveLength(1);
    expect(digest[0]).toContain("Weekoverzicht");
    expect(JSON.parse(digest[0]!).msteams).toEqual({ width: "Full" });
    // The team's chart is in the card, inline, with its text alternative; the card stays valid and small.
    const image = (JSON.parse(digest[0]!).body as { type: string; url?: string; altText?: string }[]).find(
      (e) => e.type === "Image",
    );
    expect(image?.url).toMatch(/^data:image\/png;base64,/);
    expect(image?.altText).toMatch(/^Werkvoorraad per week over 26 weken/);
    expect(cardProblems(JSON.parse(digest[0]!))).toEqual([]);
    const reminders = h.connector.calls.filter((c) => c.conversationId.startsWith("a:chat-"));
    expect(reminders.length).toBeGreaterThan(5);
    expect(JSON.stringify(reminders[0]?.activity)).toContain("Mijn dag");
    for (const c of h.connector.calls) {
      for (const a of (c.activity.attachments as { content: unknown }[]) ?? [])
        expect(cardProblems(a.content)).toEqual([]);
    }
  });

  it("a handover requested in Teams reaches the receiving PB, who accepts it there", async () => {
    const [noord] = await h.db.select().from(teams).where(eq(teams.code, "NOORD"));
    const [row] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.teamId, noord!.id), eq(cases.phase, "regulier")));
    const z = row!.zaaknummer;
    const ctx = testContext(h.db, TODAY);
    const gw = (await h.db.select().from(people).where(eq(people.code, "gw-1")))[0]!;
    await h.db.delete(kernbeslissingen).where(eq(kernbeslissingen.caseId, row!.id));
    expect(
      (
        await recordArij(
          ctx,
          { personId: gw.id, via: "test" },
          { zaaknummer: z, date: TODAY, risk: "laag", reason: "kernbesluit" },
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await recordKernbeslissing(
          ctx,
          { personId: gw.id, via: "test" },
          { zaaknummer: z, date: TODAY, contactFrequencyWeeks: 6, gw: "gw-1" },
        )
      ).ok,
    ).toBe(true);

    h.connector.clear();
    const form = JSON.parse(await h.openForm("pb-noord", `overdracht ${z}`)) as {
      actions: { data: Record<string, unknown> }[];
    };
    const requested = await h.execute("pb-noord", {
      ...form.actions[0]!.data,
      kind: "regulier_crt",
      toTeam: "CRT",
      reason: "geen_capaciteit",
      warm: "niet_nodig",
      checks: "contactpersonen,hulpvraag,analyse,veiligheid,plan,reden",
    });
    expect(JSON.stringify(requested.body.value)).toContain("aangevraagd");
    await dispatcher.drain();
    const request = await h.cardTo("pb-crt", `Overdracht zaak ${z}`);
    const accept = (
      JSON.parse(request) as { body: { type: string; actions?: { data: { id: string; value: string } }[] }[] }
    ).body
      .flatMap((b) => b.actions ?? [])
      .find((a) => a.data.id === "overdracht.accepteren");
    const pressed = await h.execute("pb-crt", accept!.data);
    // The form takes the request card's place.
    expect(JSON.stringify(pressed.body.value)).toContain("Overdracht accepteren");
    const acceptForm = pressed.body.value as { actions: { data: Record<string, unknown> }[] };
    const accepted = await h.execute("pb-crt", { ...acceptForm.actions[0]!.data, owner: "jb-crt-1" });
    expect(JSON.stringify(accepted.body.value)).toContain("geaccepteerd");
    const [after] = await h.db.select().from(cases).where(eq(cases.zaaknummer, z));
    expect(after?.phase).toBe("crt");
    await dispatcher.drain();
    expect(await h.cardTo("jb-crt-1", `Zaak ${z} is aan jou overgedragen`)).toBeTruthy();
  });
});

import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, contacts, notifications, people, reminderSnoozes } from "../../../db/schema.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { type Payload, renderPayload } from "../../../src/jobs/payloads.ts";
import { runDigest, runReminderSweep } from "../../../src/jobs/runs.ts";
import { createSlackSender } from "../../../src/platforms/slack/sender.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { testContext } from "../../support/db.ts";
import { privacyViolations } from "../../support/privacyScan.ts";
import { blockAction, date, post, select, viewSubmission } from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

const TODAY = "2026-11-23"; // Monday
let h: SlackHarness;
let respondTo = "";
const settings = { platforms: ["slack" as const], digestToCcp: false };

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  respondTo = `${h.fake.url}/respond/2`;
  const ctx = testContext(h.db, TODAY);
  await runReminderSweep(ctx, TODAY, settings);
  await runDigest(ctx, TODAY, settings);
  await new Dispatcher(h.db, {
    senders: { slack: createSlackSender("xoxb-test", `${h.fake.url}/api/`) },
    pacePerTargetMs: 0,
  }).drain();
});
afterAll(async () => h.close());

/** The buttons of a delivered message, by our action id. */
function buttons(body: Record<string, unknown>) {
  const out: Record<string, string> = {};
  for (const b of (body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]) ??
    []) {
    if (b.type === "actions")
      for (const e of b.elements ?? []) out[e.action_id.split("#")[0] ?? ""] = e.value;
  }
  return out;
}

/** Every button of a delivered message, in order. */
function allButtons(body: Record<string, unknown>) {
  return ((body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]) ?? [])
    .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
    .map((e) => ({ id: e.action_id.split("#")[0] ?? "", value: e.value }));
}

describe("reminder DMs and the digest in Slack", () => {
  it("sends each person one day message, each line with Registreren, Al gedaan, Uitstellen and Zaakkaart", () => {
    const dms = h.fake.callsTo("chat.postMessage").filter((c) => String(c.body.channel).startsWith("U"));
    expect(dms.length).toBeGreaterThan(5);
    expect(new Set(dms.map((c) => c.body.channel)).size).toBe(dms.length);
    const owner = dms.find(
      (c) => textOf(c.body).includes("Mijn dag") && textOf(c.body).includes("Uitstellen"),
    );
    expect(Object.keys(buttons(owner!.body))).toEqual(
      expect.arrayContaining(["herinneringen.gedaan", "herinneringen.uitstellen", "zaak.open"]),
    );
  });

  it("posts the weekly digest in the CRT channel with zaaknummers and nothing §3 forbids", async () => {
    const posts = h.fake.channelPosts();
    expect(posts.map((p) => p.body.channel)).toEqual(["C0DEMOCRT"]);
    const digest = textOf(posts[0]!.body);
    expect(digest).toContain("Weekoverzicht Cliënt Regie Team");
    expect(digest).toContain("Prioriteitenlijst");
    // "Terugstroom voorstellen" buttons open the handover form prefilled.
    expect(digest).toContain("overdracht.open");
    expect(digest).toContain("crt_regulier");
    // The team's chart is uploaded into the same channel, with its text alternative.
    const charts = h.fake.uploads();
    expect(charts.map((u) => u.channel)).toEqual(["C0DEMOCRT"]);
    expect(charts[0]?.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(charts[0]?.altText).toMatch(/^Werkvoorraad per week over 26 weken/);
    const names = (await h.db.select({ name: people.name }).from(people)).map((p) => p.name);
    expect(privacyViolations(posts, names)).toEqual([]);
  });

  it("'Al gedaan' on a contact reminder asks the date (today prefilled) and the kind, and records what is answered", async () => {
    const isContact = (b: { id: string; value: string }) =>
      b.id === "herinneringen.gedaan" && (JSON.parse(b.value) as { k: string }).k === "contact";
    const dm = h.fake
      .callsTo("chat.postMessage")
      .find((c) => String(c.body.channel).startsWith("U") && allButtons(c.body).some(isContact));
    const value = allButtons(dm!.body).find(isContact)!.value;
    const { z } = JSON.parse(value) as { z: string };
    const [row] = await h.db.select().from(cases).where(eq(cases.zaaknummer, z));
    const before = await h.db.select().from(contacts).where(eq(contacts.caseId, row!.id));
    h.fake.clear();
    await post(h.url, blockAction(String(dm!.body.channel), "herinneringen.gedaan#1", value, respondTo));
    const view = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    const shown = JSON.stringify(view);
    expect(shown).toContain('"initial_date":"2026-11-23"');
    expect(shown).toContain("Soort contact");
    // Nothing is recorded before the person answers.
    expect(await h.db.select().from(contacts).where(eq(contacts.caseId, row!.id))).toHaveLength(
      before.length,
    );
    const res = await post(
      h.url,
      viewSubmission(String(dm!.body.channel), view, {
        date: date("2026-11-20"),
        kind: select("ouders"),
        newConcerns: select("nee"),
      }),
    );
    expect(await res.text()).toBe("");
    expect(textOf((await h.waitFor("chat.postMessage")).body)).toContain("Contact geregistreerd");
    const recorded = await h.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.caseId, row!.id), eq(contacts.date, "2026-11-20")));
    expect(recorded.map((r) => r.kind)).toEqual(["ouders"]);
  });

  it("'Uitstellen' asks a reason, works once per stage, and tells the PB", async () => {
    const sent = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "reminder"), eq(notifications.status, "sent")));
    const reminder = sent.find((n) => (n.payload as { stage: string }).stage !== "escalatie");
    const p = reminder!.payload as { zaaknummer: string; kind: string; due: string; stage: string };
    const owner = { slackId: await accountIdOf(h.db, "slack", reminder!.recipientId!) };
    const value = JSON.stringify({ z: p.zaaknummer, k: p.kind, d: p.due, s: p.stage });
    h.fake.clear();
    await post(h.url, blockAction(owner!.slackId!, "herinneringen.uitstellen#2", value, respondTo));
    const view = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    const answers = { reason: select("afspraak_gepland"), workdays: select("3") };
    let res = await post(h.url, viewSubmission(owner!.slackId!, view, answers));
    const first = await res.text();
    expect(first).toBe("");
    expect(textOf((await h.waitFor("chat.postMessage")).body)).toContain("uitgesteld tot 26-11-2026");
    expect(await h.db.select().from(reminderSnoozes)).toHaveLength(1);
    const [told] = await h.db.select().from(notifications).where(like(notifications.key, "snooze:%"));
    const [pb] = await h.db.select().from(people).where(eq(people.id, told!.recipientId!));
    expect(pb?.role).toBe("praktijkbegeleider");
    expect(JSON.stringify(renderPayload(told?.payload as Payload))).toContain("Afspraak staat gepland");
    res = await post(h.url, viewSubmission(owner!.slackId!, view, answers));
    expect(JSON.parse(await res.text())).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.stringContaining("al eens") },
    });
  });
});

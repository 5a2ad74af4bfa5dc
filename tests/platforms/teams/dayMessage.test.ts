import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, people } from "../../../db/schema.ts";
import { recordContact } from "../../../src/cases/recordContact.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { testContext } from "../../support/db.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// The day message in Teams: one card per person, and work done later that day updates that card
// (PUT on the activity), never a new message under it.

const TODAY = "2026-11-23";
let h: TeamsHarness;
let dispatcher: Dispatcher;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  await runReminderSweep(testContext(h.db, TODAY), TODAY, { platforms: ["teams"], digestToCcp: false });
  dispatcher = new Dispatcher(h.db, {
    senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
    pacePerTargetMs: 0,
  });
  await dispatcher.drain();
});
afterAll(async () => h.close());

type Action = { title: string; data: { zicht: string; id: string; value: string } };
const actionsOf = (card: unknown) =>
  (card as { body: { actions?: Action[] }[] }).body.flatMap((b) => b.actions ?? []);
const cardOf = (activity: Record<string, unknown>) =>
  (activity.attachments as { content: unknown }[])[0]!.content;

describe("Mijn dag in Teams", () => {
  it("each person gets one day message, a valid card", async () => {
    const dayMessages = h.connector.calls.filter((c) => String(c.activity.text).startsWith("Mijn dag"));
    expect(dayMessages.length).toBeGreaterThan(3);
    const perConversation = new Map<string, number>();
    for (const c of dayMessages)
      perConversation.set(c.conversationId, (perConversation.get(c.conversationId) ?? 0) + 1);
    expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
    for (const c of dayMessages) expect(cardProblems(cardOf(c.activity))).toEqual([]);
  });

  it("a contact recorded later that day updates the card in place: one update call, no new message", async () => {
    const sent = h.connector.calls.find(
      (c) =>
        String(c.activity.text).startsWith("Mijn dag") &&
        actionsOf(cardOf(c.activity)).some((a) => a.data.id === "contact.open"),
    )!;
    const zaaknummer = actionsOf(cardOf(sent.activity)).find((a) => a.data.id === "contact.open")!.data.value;
    const code = sent.conversationId.replace("a:chat-", "");
    const [person] = await h.db.select().from(people).where(eq(people.code, code));
    h.connector.clear();

    const done = await recordContact(
      testContext(h.db, TODAY),
      { personId: person!.id, via: "teams" },
      { zaaknummer, date: TODAY, kind: "kind_face_to_face", newConcerns: false },
    );
    expect(done.ok).toBe(true);
    await dispatcher.drain();

    const [row] = await h.db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `mijndag:${code}:${TODAY}`));
    const ref = row!.platformRef as { activityId: string; conversationId: string };
    // Only updates: this person's card once (and the PB's, when the same deadline was escalated there).
    expect(h.connector.calls.every((c) => c.updates !== undefined)).toBe(true);
    const mine = h.connector.calls.filter((c) => c.conversationId === sent.conversationId);
    expect(mine).toHaveLength(1);
    const update = mine[0]!;
    expect(update.updates).toBe(ref.activityId);
    const card = cardOf(update.activity);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(`${zaaknummer}`);
    expect(JSON.stringify(card)).toContain("Gedaan");
    expect(
      actionsOf(card).filter((a) => a.data.id === "contact.open" && a.data.value === zaaknummer),
    ).toEqual([]);
  });
});

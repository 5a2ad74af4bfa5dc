import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, people } from "../../../db/schema.ts";
import { recordContact } from "../../../src/cases/recordContact.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { testContext } from "../../support/db.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// The Bot Connector API may take an activity with 202 Accepted and no id (the Agents Playground
// does so for a message with text and a card). The day message then has no activity to update in
// place: work done later that day reaches the person as the day message again, never a failure.

const TODAY = "2026-11-23";
let h: TeamsHarness;
let dispatcher: Dispatcher;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  h.connector.acceptWithoutId = true;
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

describe("Mijn dag through a connector that gives no activity id", () => {
  it("work done later that day sends the day message again, marked done; nothing is given up", async () => {
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

    const mine = h.connector.calls.filter((c) => c.conversationId === sent.conversationId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.updates).toBeUndefined();
    const card = JSON.stringify(cardOf(mine[0]!.activity));
    expect(card).toContain(zaaknummer);
    expect(card).toContain("Gedaan");
    const [row] = await h.db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `mijndag:${code}:${TODAY}`));
    expect(row).toMatchObject({ status: "sent", givenUpAt: null, lastError: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { testContext } from "../../support/db.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// In a person's own chat, pressing a button puts the answer in the card's place: no new message
// under it, no English "OK" banner, and a reminder marked done can no longer be pressed.

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  await runReminderSweep(testContext(h.db, TODAY), TODAY, { platforms: ["teams"], digestToCcp: false });
  await new Dispatcher(h.db, {
    senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
    pacePerTargetMs: 0,
  }).drain();
});
afterAll(async () => h.close());

type Action = { title: string; data: { zicht: string; id: string; value: string } };
const actionsOf = (card: unknown) =>
  (card as { body: { actions?: Action[] }[] }).body.flatMap((b) => b.actions ?? []);

describe("a reminder marked done", () => {
  it("is replaced in place by the answer, which has no button left to press", async () => {
    const sent = h.connector.calls.find((c) => JSON.stringify(c.activity).includes("herinneringen.gedaan"));
    expect(sent).toBeDefined();
    const reminder = (sent!.activity.attachments as { content: unknown }[])[0]!.content;
    const done = actionsOf(reminder).find((a) => a.data.id === "herinneringen.gedaan")!;
    const code = sent!.conversationId.replace("a:chat-", "");
    h.connector.clear();

    const answer = await h.execute(code, done.data);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(answer.body)).not.toMatch(/"OK"/);
    expect(h.connector.calls).toEqual([]);
    const replaced = answer.body.value;
    expect(cardProblems(replaced)).toEqual([]);
    expect(actionsOf(replaced).filter((a) => a.data.value === done.data.value)).toEqual([]);
  });
});

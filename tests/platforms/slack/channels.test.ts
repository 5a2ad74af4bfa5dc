import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { cases, teams } from "../../../db/schema.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runDigest } from "../../../src/jobs/runs.ts";
import { createSlackSender } from "../../../src/platforms/slack/sender.ts";
import { testContext } from "../../support/db.ts";
import type { SlackCall } from "../../support/fakeSlackApi.ts";
import { interaction, post, sign, slashCommand } from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness } from "./harness.ts";

// domain.md §3 on Slack: whatever is asked in a channel, the answer is seen by the asker only — an
// ephemeral message, a modal, or a DM — and the channel gets nothing.

const TODAY = "2026-11-23";
let h: SlackHarness;
let zaaknummer: string;
const respondTo = () => `${h.fake.url}/respond/channel`;

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  const [crt] = await h.db.select().from(teams).where(eq(teams.code, "CRT"));
  const [row] = await h.db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, crt!.id), eq(cases.phase, "crt")));
  zaaknummer = row!.zaaknummer;
});
afterAll(async () => h.close());

/** Every answer Slack was asked to show: must be private to the asker. */
function publicAnswers(userId: string): SlackCall[] {
  return h.fake.calls.filter((c) => {
    if (c.method === "response_url")
      return c.body.response_type !== "ephemeral" || c.body.replace_original === true;
    if (c.method === "chat.postMessage") return c.body.channel !== userId;
    return c.method.startsWith("chat.") && c.method !== "chat.postEphemeral";
  });
}

async function answersArrived() {
  const until = Date.now() + 5000;
  while (!h.fake.calls.some((c) => ["response_url", "views.open", "chat.postMessage"].includes(c.method))) {
    if (Date.now() > until) throw new Error("no answer");
    await new Promise((r) => setTimeout(r, 20));
  }
  // Anything else it would send comes right after.
  await new Promise((r) => setTimeout(r, 100));
}

describe("Zicht in a Slack channel", () => {
  it("answers every command typed in a channel to the asker only", async () => {
    const user = await h.slackId("pb-crt");
    for (const c of COMMANDS) {
      const typed = ["zaak", "contact", "arij", "kernbeslissing", "overdracht"].includes(c.name)
        ? `${c.name} ${zaaknummer}`
        : c.name;
      h.fake.clear();
      const res = await post(h.url, slashCommand(user, typed, respondTo()).replace("C0WORK", "C0DEMOCRT"));
      expect(res.status).toBe(200);
      await answersArrived();
      expect(publicAnswers(user), typed).toEqual([]);
    }
  });

  it("answers every button of the channel's digest to the presser only", async () => {
    await runDigest(testContext(h.db, TODAY), TODAY, { platforms: ["slack"], digestToCcp: false });
    h.fake.clear();
    await new Dispatcher(h.db, {
      senders: { slack: createSlackSender("xoxb-test", `${h.fake.url}/api/`) },
      pacePerTargetMs: 0,
    }).drain();
    const [digest] = h.fake.channelPosts();
    expect(JSON.stringify(digest?.body)).toContain("Weekoverzicht");
    const blocks = digest!.body.blocks as { type: string; elements?: Record<string, string>[] }[];
    const buttons = blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
    expect(buttons.length).toBeGreaterThan(0);
    const user = await h.slackId("pb-crt");
    for (const button of buttons) {
      h.fake.clear();
      const body = interaction({
        type: "block_actions",
        team: { id: "T0DEMO" },
        user: { id: user, team_id: "T0DEMO" },
        api_app_id: "A0ZICHT",
        trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
        response_url: respondTo(),
        container: { type: "message", channel_id: String(digest!.body.channel), is_ephemeral: false },
        channel: { id: String(digest!.body.channel) },
        message: { ts: "1", blocks },
        actions: [{ type: "button", action_id: button.action_id, value: button.value, block_id: "b" }],
      });
      expect((await post(h.url, body, sign(body))).status).toBe(200);
      await answersArrived();
      expect(publicAnswers(user), button.action_id).toEqual([]);
    }
  });
});

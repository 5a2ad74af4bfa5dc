import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkedAccounts, people } from "../../../db/schema.ts";
import { unlinkedPeople } from "../../../src/cases/linkedAccounts.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createSlackSender } from "../../../src/platforms/slack/sender.ts";
import { testContext } from "../../support/db.ts";
import { importNewcomer } from "../../support/newcomer.ts";
import { post, slashCommand } from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

// A person imported with only an e-mail address is linked the first time they use /zicht, by the
// e-mail address of their Slack profile, and from then on gets their reminders in Slack.

const TODAY = "2026-11-23";
let h: SlackHarness;
let zaaknummer = "";
const respondTo = () => `${h.fake.url}/respond/9`;

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  zaaknummer = await importNewcomer(h.db, TODAY, "jb-nieuw", "nina.nieuw@gi.example");
  h.fake.members.set("U0NINA", "Nina.Nieuw@GI.example");
});
afterAll(async () => h.close());

async function answerTo(user: string, text: string) {
  h.fake.clear();
  await post(h.url, slashCommand(user, text, respondTo()));
  return textOf((await h.waitFor("response_url")).body);
}

describe("linking on first contact in Slack", () => {
  it("is not linked before the first contact", async () => {
    const unlinked = await unlinkedPeople(h.db, ["slack"]);
    expect(unlinked.map((p) => p.code)).toEqual(["jb-nieuw"]);
  });

  it("a stranger still gets the polite refusal and nothing else", async () => {
    expect(await answerTo("U0VREEMD", "werkvoorraad")).toContain("nog niet bekend in Zicht");
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls.map((c) => c.method)).toEqual(["users.info", "response_url"]);
    expect(await unlinkedPeople(h.db, ["slack"])).toHaveLength(1);
  });

  it("links the newcomer on their first command and answers it", async () => {
    const answer = await answerTo("U0NINA", "herinneringen");
    expect(answer).not.toContain("nog niet bekend");
    expect(answer).toContain(zaaknummer);
    const [link] = await h.db
      .select({ code: people.code, how: linkedAccounts.how })
      .from(linkedAccounts)
      .innerJoin(people, eq(people.id, linkedAccounts.personId))
      .where(and(eq(linkedAccounts.platform, "slack"), eq(linkedAccounts.externalId, "U0NINA")));
    expect(link).toEqual({ code: "jb-nieuw", how: "first_contact" });
    expect(await unlinkedPeople(h.db, ["slack"])).toEqual([]);
    // Known now: the next command asks Slack nothing about who they are.
    await answerTo("U0NINA", "help");
    expect(h.fake.callsTo("users.info")).toEqual([]);
  });

  it("from then on gets their reminders in Slack", async () => {
    h.fake.clear();
    await runReminderSweep(testContext(h.db, TODAY), TODAY, { platforms: ["slack"], digestToCcp: false });
    await new Dispatcher(h.db, {
      senders: { slack: createSlackSender("xoxb-test", `${h.fake.url}/api/`) },
      pacePerTargetMs: 0,
    }).drain();
    const mine = h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "U0NINA");
    expect(mine).toHaveLength(1);
    // Her day message, with the case in it.
    expect(textOf(mine[0]!.body)).toContain("Mijn dag");
    expect(textOf(mine[0]!.body)).toContain(zaaknummer);
  });
});

import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, contacts, linkedAccounts } from "../../../db/schema.ts";
import { renderMessage } from "../../../src/platforms/slack/blocks.ts";
import { dayMessage } from "../../../src/ui/dayMessageView.ts";
import {
  blockAction,
  date,
  post,
  select,
  sign,
  slashCommand,
  viewSubmission,
} from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness } from "./harness.ts";

// Issue 15 item 4: a validly signed Slack request replayed within 5 minutes wrote 5 contact rows,
// X-Slack-Retry-Num retries wrote 4, and timestamps in the future were accepted.

const TODAY = "2026-11-23";
let h: SlackHarness;
let respondTo = "";
let owner = "";
let zaaknummer = "";

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  respondTo = `${h.fake.url}/respond/1`;
  const [c] = await h.db
    .select({ zaaknummer: cases.zaaknummer, slackId: linkedAccounts.externalId })
    .from(cases)
    .innerJoin(
      linkedAccounts,
      and(eq(linkedAccounts.personId, cases.ownerId), eq(linkedAccounts.platform, "slack")),
    )
    .limit(1);
  zaaknummer = c?.zaaknummer ?? "";
  owner = c?.slackId ?? "";
});
afterAll(async () => h.close());

const contactCount = async () => {
  const [row] = await h.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .innerJoin(cases, eq(cases.id, contacts.caseId))
    .where(eq(cases.zaaknummer, zaaknummer));
  return row?.n ?? 0;
};

describe("replays and retries", () => {
  it("a contact form submission replayed five times, and retried by Slack, is recorded once", async () => {
    expect((await post(h.url, slashCommand(owner, `contact ${zaaknummer}`, respondTo))).status).toBe(200);
    const view = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    const before = await contactCount();
    const body = viewSubmission(owner, view, {
      date: date(TODAY),
      kind: select("kind_face_to_face"),
      newConcerns: select("nee"),
    });
    const headers = sign(body);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await post(h.url, body, headers)).status);
    // Slack's own retry: the same body, signed again later, with X-Slack-Retry-Num.
    const retry = { ...sign(body, Math.floor(Date.now() / 1000) + 2), "x-slack-retry-num": "1" };
    answers.push((await post(h.url, body, retry)).status);
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(await contactCount()).toBe(before + 1);
  });

  it("'Al gedaan' pressed three times records nothing by itself: each press asks, in the contact form", async () => {
    // The button as Zicht renders it on a contact reminder for this case, in the day message.
    const reminder = renderMessage(
      dayMessage({
        type: "mijn_dag",
        day: TODAY,
        items: [
          {
            type: "reminder",
            zaaknummer,
            kind: "contact",
            due: TODAY,
            stage: "vandaag",
            owner: null,
            done: false,
          },
        ],
      }),
    );
    const button = (reminder.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id.startsWith("herinneringen.gedaan"));
    expect(button).toBeDefined();
    const before = await contactCount();
    for (let i = 0; i < 3; i++) {
      h.fake.clear();
      await post(h.url, blockAction(owner, button!.action_id, button!.value, respondTo));
      const opened = (await h.waitFor("views.open")).body.view as { title?: { text?: string } };
      expect(JSON.stringify(opened)).toContain(zaaknummer);
    }
    // Only a submitted form records a contact (and a replayed submission is run once: above).
    expect(await contactCount()).toBe(before);
  });

  it("refuses timestamps in the future beyond the 5-minute window (+6 minutes, +10 years)", async () => {
    for (const ahead of [6 * 60, 10 * 365 * 24 * 3600]) {
      const body = slashCommand(owner, "help", respondTo);
      const res = await post(h.url, body, sign(body, Math.floor(Date.now() / 1000) + ahead));
      expect(res.status).toBe(401);
    }
    // Within the window (a clock a little ahead) is still fine.
    const body = slashCommand(owner, "help", respondTo);
    expect((await post(h.url, body, sign(body, Math.floor(Date.now() / 1000) + 60))).status).toBe(200);
  });
});

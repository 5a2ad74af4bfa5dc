import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockAction, post, slashCommand } from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

// Issue 15 item 12: a slash command while the database is down was acknowledged and then never
// answered. The person now hears, in Dutch, that Zicht cannot reach its data, with a reference.

const TODAY = "2026-11-23";
let h: SlackHarness;
let respondTo = "";
let user = "";

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  respondTo = `${h.fake.url}/respond/1`;
  user = await h.slackId("pb-crt");
  // The database goes away under the running app: its connection is closed.
  const client = (h.db as { $client?: { close?: () => Promise<void>; end?: (o?: object) => Promise<void> } })
    .$client;
  if (client?.end) await client.end({ timeout: 1 });
  else await client?.close?.();
});

afterAll(async () => {
  await h.close().catch(() => {});
});

describe("while the database is down", () => {
  it("a slash command is answered with 'Zicht kan nu even niet bij zijn gegevens' and a reference", async () => {
    expect((await post(h.url, slashCommand(user, "werkvoorraad", respondTo))).status).toBe(200);
    const answer = textOf((await h.waitFor("response_url")).body);
    expect(answer).toContain("Zicht kan nu even niet bij zijn gegevens");
    expect(answer).toMatch(/referentie[^Z]*ZCH-[0-9A-F]{6}/);
  });

  it("a button is answered the same way", async () => {
    h.fake.clear();
    expect((await post(h.url, blockAction(user, "werkvoorraad.page#0", "0", respondTo))).status).toBe(200);
    const answer = textOf((await h.waitFor("response_url")).body);
    expect(answer).toContain("Zicht kan nu even niet bij zijn gegevens");
  });
});

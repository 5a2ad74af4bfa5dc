import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountIdOf } from "../../support/accounts.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Issue 15 item 12 in Teams: a command typed while the database is down is answered in Dutch,
// with a reference, instead of not at all.

let h: TeamsHarness;
let aadObjectId = "";

beforeAll(async () => {
  h = await startTeamsHarness("2026-11-23");
  aadObjectId = (await accountIdOf(h.db, "teams", "pb-crt")) ?? "";
  const client = (h.db as { $client?: { close?: () => Promise<void>; end?: (o?: object) => Promise<void> } })
    .$client;
  if (client?.end) await client.end({ timeout: 1 });
  else await client?.close?.();
});

afterAll(async () => {
  await h.close().catch(() => {});
});

describe("while the database is down", () => {
  it("a typed command is answered with 'Zicht kan nu even niet bij zijn gegevens' and a reference", async () => {
    // The activity Teams sends for "werkvoorraad" typed in the 1:1 chat (built here: the harness
    // would look the person up in the database that is now away).
    const res = await fetch(`${h.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: "in-down-1",
        type: "message",
        text: "werkvoorraad",
        timestamp: new Date().toISOString(),
        serviceUrl: h.connector.url,
        channelId: "msteams",
        from: { id: "29:pb-crt", aadObjectId, name: "pb-crt" },
        recipient: { id: "28:zicht", name: "Zicht" },
        conversation: { id: h.conversation("pb-crt"), conversationType: "personal", tenantId: "demo-tenant" },
        channelData: { tenant: { id: "demo-tenant" } },
      }),
    });
    expect(res.status).toBeLessThan(300);
    const deadline = Date.now() + 5000;
    let cards: string[] = [];
    while (Date.now() < deadline) {
      cards = h.connector.cardsTo(h.conversation("pb-crt"));
      if (cards.length > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(cards.join(" ")).toContain("Zicht kan nu even niet bij zijn gegevens");
    expect(cards.join(" ")).toMatch(/ZCH-[0-9A-F]{6}/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, teams } from "../../../db/schema.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

const TODAY = "2026-11-23";
let h: TeamsHarness;
let aad = "";

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  aad = (await accountIdOf(h.db, "teams", "ccp-1")) ?? "";
});
afterAll(async () => h.close());

let sent = 0;

/** An invoke as Teams sends it (each with its own id), with whatever `value` a broken or foreign card carried. */
async function invoke(value: unknown) {
  const res = await fetch(`${h.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "invoke",
      name: "adaptiveCard/action",
      id: `in-x-${++sent}`,
      serviceUrl: h.connector.url,
      channelId: "msteams",
      from: { id: "29:ccp-1", aadObjectId: aad, name: "ccp-1" },
      recipient: { id: "28:zicht", name: "Zicht" },
      conversation: { id: h.conversation("ccp-1"), conversationType: "personal", tenantId: "demo-tenant" },
      ...(value === undefined ? {} : { value }),
    }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe("a malformed card action", () => {
  it.each([
    ["no data", { action: { type: "Action.Execute", verb: "action" } }],
    ["data without an id", { action: { type: "Action.Execute", verb: "action", data: { zicht: "action" } } }],
    ["an id that is not text", { action: { type: "Action.Execute", data: { zicht: "submit", id: 5 } } }],
    ["data of another app", { action: { type: "Action.Execute", data: { foo: "bar" } } }],
    ["no value at all", undefined],
  ])("gets the error card with a reference id, not an HTTP 500 (%s)", async (_label, value) => {
    const answer = await invoke(value);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const card = JSON.stringify(answer.body.value);
    expect(card).toContain("Er ging iets mis");
    expect(card).toMatch(/ZCH-[0-9A-F]{6}/);
  });
});

/** Teams refuses a message over about 28 KB; the card is most of it. */
const TEAMS_MESSAGE_LIMIT = 28 * 1024;

describe("the capaciteit card with 500 workers", () => {
  it("is paged: every page stays within Teams' size limit and together they show everyone", async () => {
    const regular = await h.db.select().from(teams);
    const extra = Array.from({ length: 500 }, (_, k) => ({
      code: `jb-extra-${k}`,
      name: `Medewerker ${String(k + 1).padStart(3, "0")}`,
      role: "jeugdbeschermer" as const,
      teamId: regular[k % regular.length]!.id,
      fte: 0.8,
    }));
    await h.db.insert(people).values(extra);
    const seen = new Set<string>();
    h.connector.clear();
    await h.say("ccp-1", "capaciteit");
    let card = await h.cardTo("ccp-1", "Capaciteit per team");
    for (let pages = 1; ; pages++) {
      const sent = h.connector.sentTo(h.conversation("ccp-1")).at(-1) ?? "";
      expect(Buffer.byteLength(sent)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      for (const m of card.matchAll(/Medewerker \d{3}/g)) seen.add(m[0]);
      const next = (
        JSON.parse(card) as { body: { actions?: { title: string; data: Record<string, unknown> }[] }[] }
      ).body
        .flatMap((b) => b.actions ?? [])
        .find((a) => a.title === "Volgende");
      if (!next) break;
      expect(pages).toBeLessThan(20);
      const answer = await h.execute("ccp-1", next.data);
      expect(Buffer.byteLength(JSON.stringify(answer.body))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      // The page comes in place of the card, or as a new message.
      card =
        answer.body.type === "application/vnd.microsoft.card.adaptive"
          ? JSON.stringify(answer.body.value)
          : (h.connector.cardsTo(h.conversation("ccp-1")).at(-1) ?? "");
    }
    expect(seen.size).toBe(500);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people } from "../../../db/schema.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

const TODAY = "2026-11-23";
let h: TeamsHarness;
let aad = "";

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  const [p] = await h.db.select().from(people).where(eq(people.code, "ccp-1"));
  aad = p?.teamsId ?? "";
});
afterAll(async () => h.close());

/** An invoke as Teams sends it, with whatever `value` a broken or foreign card carried. */
async function invoke(value: unknown) {
  const res = await fetch(`${h.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "invoke",
      name: "adaptiveCard/action",
      id: "in-x",
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

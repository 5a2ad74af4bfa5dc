import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
});
afterAll(async () => h.close());

describe("Zicht in Teams", () => {
  it("answers help typed in the 1:1 chat with a card", async () => {
    expect(await h.say("ccp-1", "help")).toBe(200);
    const card = await h.cardTo("ccp-1", "Zicht — hulp");
    expect(card).toContain("triage [ZAAKNUMMER]");
  });
});

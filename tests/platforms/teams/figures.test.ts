import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardProblems, TEAMS_MESSAGE_LIMIT } from "../../support/adaptiveCards.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// `cijfers` in Teams: the chart is in the card itself (an Image, inline as a data URI, with its text
// alternative for screen readers), and the whole message stays within Teams' size limit.

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
});
afterAll(async () => h.close());

type Element = { type: string; url?: string; altText?: string };

describe("cijfers in Teams", () => {
  it("shows the chart as an image with alternative text in a valid card within the size limit", async () => {
    expect(await h.say("tm-1", "cijfers CRT")).toBe(200);
    const json = await h.cardTo("tm-1", "Cijfers Cliënt Regie Team", 20_000);
    const card = JSON.parse(json) as { body: Element[] };
    expect(cardProblems(card)).toEqual([]);
    const images = card.body.filter((e) => e.type === "Image");
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image?.url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(image!.url!.slice("data:image/png;base64,".length), "base64");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(600);
    expect(image?.altText).toMatch(/^Werkvoorraad per week over 26 weken, van \d+ kind(eren)? naar/);
    const [sent] = h.connector.calls.filter((c) => c.conversationId === h.conversation("tm-1"));
    expect(JSON.stringify(sent?.activity).length).toBeLessThan(TEAMS_MESSAGE_LIMIT);
  });
});

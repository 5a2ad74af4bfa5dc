import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { post, slashCommand } from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

const TODAY = "2026-11-23";
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
});
afterAll(async () => h.close());
beforeEach(() => h.fake.clear());

async function ask(code: string, typed: string): Promise<string> {
  const res = await post(h.url, slashCommand(await h.slackId(code), typed, `${h.fake.url}/respond/1`));
  expect(res.status).toBe(200);
  return textOf((await h.waitFor("response_url")).body);
}

describe("/zicht cijfers", () => {
  it("a teammanager sees the CRT's figures on a reference date typed the Dutch way", async () => {
    const text = await ask("tm-1", "cijfers CRT 20-11-2026");
    expect(text).toContain("Cijfers Cliënt Regie Team — peildatum 20-11-2026");
    expect(text).toMatch(/Op de werkvoorraad.*\d+ kinderen/s);
    expect(text).toContain("Eerste face-to-face contact binnen 5 werkdagen");
    expect(text).toMatch(/Cliënt Regie Team: [\d,]+ per fte \(norm 18\)/);
    // Figures only: no zaaknummer, no ISO date.
    expect(text).not.toMatch(/\b\d{4}-\d{4}\b/);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    // The chart follows the answer; let it land here, so the next test sees only its own.
    const until = Date.now() + 10_000;
    while (h.fake.uploads().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  });

  it("uploads the chart as a PNG with its text alternative to the asker's direct messages", async () => {
    await ask("tm-1", "cijfers CRT");
    const until = Date.now() + 10_000;
    while (h.fake.uploads().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const [upload, ...more] = h.fake.uploads();
    expect(more).toEqual([]);
    // Shared into the DM Zicht opened with them (not the channel the command was typed in).
    expect(upload?.channel).toBe(`D${(await h.slackId("tm-1")).slice(1)}`);
    expect(upload?.filename).toMatch(/\.png$/);
    expect(upload?.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(upload?.bytes.length).toBeGreaterThan(2_000);
    expect(upload?.bytes.length).toBeLessThan(20_000);
    expect(upload?.altText).toMatch(/^Werkvoorraad per week over 26 weken/);
    expect(upload?.title).toBe("Cijfers Cliënt Regie Team");
  });

  it("a jeugdbeschermer is told who the figures are for", async () => {
    expect(await ask("jb-noord-1", "cijfers")).toContain(
      "Cijfers zijn er voor teammanagers, praktijkbegeleiders en het CCP.",
    );
  });

  it("an unknown team is named as the problem", async () => {
    expect(await ask("pb-crt", "cijfers OOST")).toContain("Dit team bestaat niet.");
  });
});

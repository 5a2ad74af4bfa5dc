import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRT_CHANNEL, startTeamsHarness, type TeamsHarness } from "./harness.ts";

const TODAY = "2026-11-23";
const manifest = JSON.parse(readFileSync("manifest/teams/manifest.json", "utf8"));
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
});
afterAll(async () => h.close());

describe("installing Zicht", () => {
  it.each([
    ["ccp-1", "CCP-medewerker", "triage"],
    ["jb-noord-1", "jeugdbeschermer", "herinneringen"],
    ["pb-noord", "praktijkbegeleider", "werkvoorraad"],
    ["gw-1", "gedragswetenschapper", "kernbeslissing ZAAKNUMMER"],
  ])("welcomes %s with what Zicht is and the first step for a %s", async (code, role, step) => {
    h.connector.clear();
    expect(await h.install(code)).toBe(200);
    const card = await h.cardTo(code, "Welkom bij Zicht");
    expect(card).toContain("alleen zaaknummers");
    expect(card).toContain(`Als ${role}: Typ **${step}**`);
  });

  it("tells someone not yet linked who can add them, and nothing else", async () => {
    h.connector.clear();
    await h.install("nog-niet-gekoppeld");
    const card = await h.cardTo("nog-niet-gekoppeld", "Welkom bij Zicht");
    expect(card).toContain("Vraag de functioneel beheerder");
  });

  it("in a team, says in the channel only that answers come privately", async () => {
    h.connector.clear();
    await h.install("pb-crt", CRT_CHANNEL);
    const posted = h.connector.sentTo(CRT_CHANNEL.kind === "channel" ? CRT_CHANNEL.id : "");
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]!)).toMatchObject({
      text: expect.stringContaining("in je eigen chat met Zicht"),
    });
    expect(posted[0]).not.toContain("attachments");
  });
});

describe("the manifest's privacy and terms links", () => {
  it.each([
    [manifest.developer.privacyUrl, "Privacyverklaring"],
    [manifest.developer.termsOfUseUrl, "Gebruiksvoorwaarden"],
  ])("%s is a Dutch page Zicht serves", async (link, title) => {
    const res = await fetch(`${h.url}${new URL(link).pathname}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(`<h1>${title}</h1>`);
  });
});

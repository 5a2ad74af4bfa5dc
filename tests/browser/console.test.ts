import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDays, format } from "date-fns";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, people, teams } from "../../db/schema.ts";
import { recordArij } from "../../src/cases/recordArij.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { loadConfig } from "../../src/config.ts";
import { type RunningZicht, startZicht } from "../../src/zicht.ts";
import { launchChromium, noChromium } from "../support/chromium.ts";

// The local console in headless Chromium, as a newcomer uses it. A screenshot of every step is
// saved in test-output/console/.

// CI installs Debian's chromium (.ci/run) and always runs these; on a machine without it they are
// reported as skipped, with the reason, instead of failing `npm test`.
const skip = noChromium;
const SHOTS = "test-output/console";
const dir = mkdtempSync(join(tmpdir(), "zicht-console-"));
let zicht: RunningZicht;
let browser: Browser;
let page: Page;
let handoverCase = "";

async function shot(name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function become(code: string) {
  await page.selectOption("#zc-person", code);
}

async function say(text: string) {
  await page.fill("#zc-text", text);
  await page.press("#zc-text", "Enter");
}

const chat = () => page.locator("#zc-chat");

beforeAll(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  zicht = await startZicht(
    loadConfig({
      ZICHT_DATA_DIR: join(dir, "data"),
      PORT: "0",
      ZICHT_DISPATCH_SECONDS: "1",
      LOG_LEVEL: "silent",
    }),
  );
  // A regular case ready for the CRT: a kernbeslissing with a GW and a fresh ARIJ.
  const db = zicht.app.database.db;
  const [noord] = await db.select().from(teams).where(eq(teams.code, "NOORD"));
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, noord!.id), eq(cases.phase, "regulier")));
  handoverCase = row!.zaaknummer;
  const [gw] = await db.select().from(people).where(eq(people.code, "gw-1"));
  const today = zicht.app.ctx.today();
  const actor = { personId: gw!.id, via: "test" };
  await recordArij(zicht.app.ctx, actor, {
    zaaknummer: handoverCase,
    date: today,
    risk: "laag",
    reason: "kernbesluit",
  });
  await recordKernbeslissing(zicht.app.ctx, actor, {
    zaaknummer: handoverCase,
    date: today,
    contactFrequencyWeeks: 6,
    gw: "gw-1",
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(zicht.url);
  await page.waitForSelector("#zc-person option", { state: "attached" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await zicht?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)("the local console", () => {
  it("as a CCP worker, triages a new case", async () => {
    await become("ccp-1");
    await say("triage");
    // A long form opens as a dialog over the chat, as in Teams.
    await chat().getByRole("button", { name: "Formulier openen" }).last().click();
    const form = page.locator("dialog#zc-dialog .ac-adaptiveCard");
    await form.getByLabel(/^Zaaknummer/).fill("2026-7777");
    await form.getByLabel(/^Maatregel/).selectOption("ots");
    await form.getByLabel("(Acute dreiging van) fysiek geweld").check();
    await form.getByLabel("ARIJ-risico").selectOption("onbekend");
    await form.getByLabel("Is er al hulp in het gezin?").selectOption("nee");
    await form.getByLabel("Heeft een regulier team ruimte?").selectOption("nee");
    await form.getByRole("button", { name: "Triëer" }).click();
    await expect.poll(() => chat().innerText()).toContain("Directe kind-onveiligheid: ja");
    await shot("1-triage");
    expect(await chat().innerText()).toContain("A acuut");
  });

  it("as the sending PB, requests a handover to the CRT", async () => {
    await become("pb-noord");
    await say(`overdracht ${handoverCase}`);
    await chat().getByRole("button", { name: "Formulier openen" }).last().click();
    const form = page.locator("dialog#zc-dialog .ac-adaptiveCard");
    await form.getByLabel(/^Ontvangend team/).selectOption("CRT");
    await form.getByLabel(/^Reden/).selectOption("geen_capaciteit");
    await form.getByLabel(/^Warme overdracht/).selectOption("niet_nodig");
    for (const check of await form.getByRole("checkbox").all()) await check.check();
    await form.getByRole("button", { name: "Aanvragen" }).click();
    await expect.poll(() => chat().innerText()).toContain("is aangevraagd");
    await shot("2-handover-request");
  });

  it("as the CRT's PB, accepts it", async () => {
    await become("pb-crt");
    await expect
      .poll(() => chat().innerText(), { timeout: 15_000 })
      .toContain(`Overdracht zaak ${handoverCase}`);
    // The person's home beside the chat is drawn as it is now: the request waits there.
    const home = () => page.locator("#zc-home");
    await expect.poll(() => home().innerText(), { timeout: 15_000 }).toContain(handoverCase);
    expect(await home().innerText()).toContain("Werkvoorraad Cliënt Regie Team");
    await shot("3a-home");
    await chat().getByRole("button", { name: "Accepteren" }).last().click();
    await expect.poll(() => chat().innerText()).toContain("Wie wordt de vaste jeugdbeschermer?");
    // The pressed card is replaced in place by the form: it need not be the last card in the chat.
    const form = chat()
      .locator(".ac-adaptiveCard", { hasText: "Wie wordt de vaste jeugdbeschermer?" })
      .last();
    await form.getByLabel("Vaste jeugdbeschermer").selectOption("jb-crt-1");
    await form.getByRole("button", { name: "Accepteren" }).click();
    await expect.poll(() => chat().innerText()).toContain("is geaccepteerd");
    await expect.poll(() => home().innerText()).toContain("Er wacht geen overdracht op jou.");
    await shot("3-handover-accepted");
  });

  it("the date control is the console's clock, also with a date field in the chat", async () => {
    // The case is the CRT's now (accepted above).
    await become("pb-crt");
    await say(`contact ${handoverCase}`);
    const form = chat().locator(".ac-adaptiveCard", { hasText: "Contact registreren" }).last();
    await expect.poll(() => form.isVisible()).toBe(true);
    // A card with its own "date" input is in the chat now; the page's control must still be the clock.
    const simulated = format(addDays(zicht.app.ctx.today(), 2), "yyyy-MM-dd");
    await page.fill("#zc-date", simulated);
    await page.dispatchEvent("#zc-date", "change");
    await expect.poll(() => page.locator("#zc-status").innerText()).toContain("in de console");
    expect(zicht.app.ctx.today()).toBe(simulated);
    // The simulated day is today for the chat too: a contact dated that day is not "in de toekomst".
    await say(`contact ${handoverCase}`);
    const onSimulatedDay = chat().locator(".ac-adaptiveCard", { hasText: "Contact registreren" }).last();
    await expect.poll(() => onSimulatedDay.getByLabel(/^Datum/).inputValue()).toBe(simulated);
    await onSimulatedDay.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => chat().innerText()).toContain("Contact geregistreerd");
    expect(await chat().innerText()).not.toContain("in de toekomst");
    await shot("4-clock");
  });

  it("answers an unknown card action with a reference id", async () => {
    const answer = await page.evaluate(async () => {
      const res = await fetch("/console/api/execute", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ person: "pb-noord", data: { zicht: "bestaat.niet" } }),
      });
      return JSON.stringify(await res.json());
    });
    expect(answer).toMatch(/referentie|kenmerk/i);
  });

  it("runs the reminder sweep for a date and the reminder arrives", async () => {
    await become("jb-crt-1");
    await page.fill("#zc-date", "2026-11-24");
    await page.click("#zc-sweep");
    await expect
      .poll(() => page.locator("#zc-status").innerText(), { timeout: 20_000 })
      .toMatch(/berichten verstuurd|Niets verstuurd/);
    await expect.poll(() => chat().innerText(), { timeout: 15_000 }).toContain("Mijn dag");
    await shot("4-reminder");
  });

  it("runs the digest and sees it in the channel", async () => {
    await page.fill("#zc-date", "2026-11-30");
    await page.click("#zc-digest");
    await expect
      .poll(() => page.locator("#zc-channel").innerText(), { timeout: 15_000 })
      .toContain("Weekoverzicht");
    await shot("5-digest");
  });

  it("works in a narrow window", async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await expect.poll(() => page.locator("#zc-say button").isVisible()).toBe(true);
    await shot("6-narrow");
  });
});

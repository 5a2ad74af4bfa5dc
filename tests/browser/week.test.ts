import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { type RunningZicht, startZicht } from "../../src/zicht.ts";
import { launchChromium, noChromium } from "../support/chromium.ts";

// Issue 11's week, played in the local console as its five users would, on simulated days set with
// the console's clock: the CCP registers and triages a new case → a GW records the ARIJ and the
// kernbeslissing → the CCP hands it to the CRT and the CRT's PB accepts → reminders over working
// days around Christmas → the jeugdbeschermer records a contact from a reminder with its real date
// → a wrong registration is voided → terugstroom to a regular team with a named vaste
// jeugdbeschermer → the case is closed. A screenshot of every step is kept in test-output/week/.

const skip = noChromium;
const SHOTS = "test-output/week";
const ZAAK = "2026-9001";
const dir = mkdtempSync(join(tmpdir(), "zicht-week-"));
let zicht: RunningZicht;
let browser: Browser;
let page: Page;

const chat = () => page.locator("#zc-chat");
const lastCard = (text: string | RegExp): Locator =>
  chat().locator(".ac-adaptiveCard", { hasText: text }).last();
const dialogForm = () => page.locator("dialog#zc-dialog .ac-adaptiveCard");

/** Waits until the chat shows `text`; generous, as a loaded CI machine answers slowly. */
async function see(text: string) {
  await expect.poll(() => chat().innerText(), { timeout: 30_000 }).toContain(text);
}

/** Opens the dialog of the last card showing `cardText` (a long form opens over the chat, as in Teams). */
async function openForm(cardText: string): Promise<Locator> {
  await lastCard(cardText).getByRole("button", { name: "Formulier openen" }).click();
  return dialogForm();
}

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

/** Sets the console's clock; everything after this happens on `date`. */
async function day(date: string) {
  await page.fill("#zc-date", date);
  await page.dispatchEvent("#zc-date", "change");
  await expect.poll(() => zicht.app.ctx.today()).toBe(date);
}

/** The morning's reminder sweep on the console's day; returns the status line the user reads. */
async function sweep(): Promise<string> {
  const status = page.locator("#zc-status");
  await page.evaluate(() => {
    const el = document.getElementById("zc-status");
    if (el) el.textContent = "";
  });
  await page.click("#zc-sweep");
  await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/verstuurd/);
  return status.innerText();
}

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
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(zicht.url);
  await page.waitForSelector("#zc-person option", { state: "attached" });
}, 120_000);

// What the person saw when a step failed, kept beside the screenshots.
afterEach(async (t) => {
  if (skip || t.task.result?.state !== "fail") return;
  const dialog = (await page.locator("dialog#zc-dialog").isVisible())
    ? await page.locator("dialog#zc-dialog").innerText()
    : "";
  writeFileSync(
    `${SHOTS}/failed-${t.task.name.slice(0, 30).replace(/\W+/g, "-")}.txt`,
    `${await chat().innerText()}\n---dialog---\n${dialog}`,
  );
  await shot("failed-step");
});

afterAll(async () => {
  await browser?.close();
  await zicht?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)("a week of work in the console", () => {
  it("Monday: the CCP registers and triages a new case; the advice is the CRT", async () => {
    await day("2026-12-14");
    await become("ccp-1");
    await say("triage");
    const form = await openForm("Nieuwe zaak registreren");
    await form.getByLabel(/^Zaaknummer/).fill(ZAAK);
    await form.getByLabel(/^Maatregel/).selectOption("ots");
    await form.getByLabel("ARIJ-risico").selectOption("onbekend");
    await form.getByLabel("Is er al hulp in het gezin?").selectOption("nee");
    await form.getByLabel("Heeft een regulier team ruimte?").selectOption("nee");
    await form.getByRole("button", { name: "Triëer" }).click();
    await see("Directe kind-onveiligheid: nee");
    expect(await chat().innerText()).toContain("Naar de werkvoorraad (CRT)");
    await shot("1-triage");
  });

  it("Monday: the CCP records the ARIJ from the advice; a GW the kernbeslissing", async () => {
    // The advice's next steps are buttons on the triage outcome.
    await lastCard("Naar de werkvoorraad (CRT)").getByRole("button", { name: "ARIJ registreren" }).click();
    const arij = lastCard("ARIJ registreren");
    await expect.poll(() => arij.isVisible(), { timeout: 30_000 }).toBe(true);
    await arij.getByLabel(/^Risico/).selectOption("laag");
    await arij.getByRole("button", { name: "Opslaan" }).click();
    await see("ARIJ geregistreerd");
    await become("gw-1");
    await say(`kernbeslissing ${ZAAK}`);
    const kern = await openForm("de minimale contactfrequentie");
    await kern.getByLabel(/^Minimale contactfrequentie/).fill("2");
    await kern.getByLabel(/^Gedragswetenschapper/).selectOption("gw-1");
    await kern.getByRole("button", { name: "Opslaan" }).click();
    await see("Kernbeslissing vastgelegd");
    await shot("2-arij-kernbeslissing");
  });

  it("Monday: the CCP hands the case to the CRT from the advice; the CRT's PB accepts", async () => {
    await become("ccp-1");
    await lastCard("Naar de werkvoorraad (CRT)").getByRole("button", { name: "Overdragen aan CRT" }).click();
    const form = await openForm("Overdracht aanvragen");
    // The kind and the receiving team come chosen from the advice.
    await expect.poll(() => form.getByLabel(/^Ontvangend team/).inputValue()).toBe("CRT");
    await form.getByLabel(/^Warme overdracht/).selectOption("niet_nodig");
    for (const check of await form.getByRole("checkbox").all()) await check.check();
    await form.getByRole("button", { name: "Aanvragen" }).click();
    await see("is aangevraagd");
    await become("pb-crt");
    await see(`Overdracht zaak ${ZAAK}`);
    await lastCard(`Overdracht zaak ${ZAAK}`).getByRole("button", { name: "Accepteren" }).click();
    const accept = lastCard("Wie wordt de vaste jeugdbeschermer?");
    await accept.getByLabel("Vaste jeugdbeschermer").selectOption("jb-crt-1");
    await accept.getByRole("button", { name: "Accepteren" }).click();
    await see("is geaccepteerd");
    await shot("3-crt-accepted");
  });

  it("the week's mornings: reminders on working days, nothing on Christmas", async () => {
    await become("jb-crt-1");
    for (const date of ["2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18", "2026-12-21", "2026-12-22"]) {
      await day(date);
      expect(await sweep()).toContain("verstuurd");
    }
    await see(ZAAK);
    await day("2026-12-25");
    expect(await sweep()).toContain("geen werkdag");
    await shot("4-reminders");
  });

  it("Monday after: a contact recorded from the reminder with its real date; a wrong one voided", async () => {
    await day("2026-12-28");
    // Her day message: the case's line, and the Registreren button that follows it.
    await lastCard("Mijn dag")
      .locator(
        `xpath=.//*[contains(text(), "${ZAAK}")]/following::button[normalize-space()="Registreren"][1]`,
      )
      .click();
    const form = lastCard("Contact registreren");
    await expect.poll(() => form.isVisible(), { timeout: 30_000 }).toBe(true);
    // The visit was last Tuesday; it is recorded today with its own date.
    await form.getByLabel(/^Datum/).fill("2026-12-22");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await see("Contact geregistreerd");
    // A slip: the same visit registered again as a phone call.
    await say(`contact ${ZAAK}`);
    const slip = lastCard("Contact registreren");
    await slip.getByLabel(/^Datum/).fill("2026-12-22");
    await slip.getByLabel(/^Soort contact/).selectOption("telefonisch");
    await slip.getByRole("button", { name: "Opslaan" }).click();
    await expect
      .poll(() => chat().locator(".ac-adaptiveCard", { hasText: "Contact geregistreerd" }).count(), {
        timeout: 30_000,
      })
      .toBe(2);
    await say(`zaak ${ZAAK}`);
    await lastCard(`Zaak ${ZAAK}`).getByRole("button", { name: "Corrigeren" }).click();
    const fix = lastCard("Laten vervallen");
    await expect.poll(() => fix.isVisible(), { timeout: 30_000 }).toBe(true);
    await fix.getByLabel(/^Registratie/).selectOption({ label: "22-12-2026: Contact telefonisch" });
    await fix.getByLabel(/^Reden/).selectOption("dubbel");
    await fix.getByRole("button", { name: "Laten vervallen" }).click();
    await see("vervallen");
    await say(`zaak ${ZAAK}`);
    await see("22-12-2026, face-to-face met het kind");
    await see("Registratie vervallen");
    // Acts are dated by the console's day too, not by the machine's.
    await see("14-12-2026: Cliënt Coördinatie Punt → Cliënt Regie Team");
    await shot("5-contact-and-void");
  });

  it("terugstroom: the CRT's PB hands the case back; the regular team names its vaste jeugdbeschermer", async () => {
    await become("pb-crt");
    await say(`overdracht ${ZAAK}`);
    const form = await openForm("Overdracht aanvragen");
    await form.getByLabel(/^Ontvangend team/).selectOption("NOORD");
    await form.getByLabel(/^Reden/).selectOption({ index: 1 });
    await form.getByLabel(/^Warme overdracht/).selectOption("niet_nodig");
    for (const check of await form.getByRole("checkbox").all()) await check.check();
    await form.getByRole("button", { name: "Aanvragen" }).click();
    await see("is aangevraagd");
    await become("pb-noord");
    await see(`Overdracht zaak ${ZAAK}`);
    await lastCard(`Overdracht zaak ${ZAAK}`).getByRole("button", { name: "Accepteren" }).click();
    const accept = lastCard("Wie wordt de vaste jeugdbeschermer?");
    await accept.getByLabel("Vaste jeugdbeschermer").selectOption({ index: 1 });
    const named = await accept
      .getByLabel("Vaste jeugdbeschermer")
      .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
    await accept.getByRole("button", { name: "Accepteren" }).click();
    await see(`is geaccepteerd; vaste jeugdbeschermer: ${named}`);
    await shot("6-terugstroom");
  });

  it("the case is closed, with a reason from the list", async () => {
    await say(`zaak ${ZAAK}`);
    await lastCard(`Zaak ${ZAAK}`).getByRole("button", { name: "Afsluiten" }).click();
    const close = lastCard("Zaak afsluiten");
    await expect.poll(() => close.isVisible(), { timeout: 30_000 }).toBe(true);
    await close.getByLabel(/^Reden/).selectOption("maatregel_beeindigd");
    await close.getByRole("button", { name: "Afsluiten" }).click();
    await see("afgesloten");
    await shot("7-closed");
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PEOPLE, demoTeamsId } from "../../db/demo/organisation.ts";
import { importCsv } from "../../src/cases/import/index.ts";
import { loadConfig } from "../../src/config.ts";
import { addDays } from "../../src/domain/dates.ts";
import { triageForms } from "../../src/ui/controls/triage.ts";
import { PRIVATE_ANSWER_HERE } from "../../src/ui/messages.ts";
import { type RunningZicht, startZicht } from "../../src/zicht.ts";
import { launchChromium, noChromium } from "../support/chromium.ts";

// Zicht in Microsoft's own local Teams client, the M365 Agents Playground (npm
// @microsoft/m365agentsplayground, a devDependency: no binary is downloaded, it runs on Node). It
// posts real activities to Zicht's /api/messages in local mode and renders the answers with Teams'
// card renderer; proactive messages reach it through the serviceUrl it sends (its own connector),
// as in Teams. Its config names the signed-in user (a demo person, matched by Entra object id) and
// must list at least 5 other users. Screenshots go to test-output/playground/.
//
// Opt-in (ZICHT_PLAYGROUND=1): the Playground is Microsoft pre-release software whose licence grants
// use "for the purposes of evaluating it and providing feedback to Microsoft" only (see README).
//
// What the Playground cannot do, and what this test does instead:
// - It renders no dialogs (task modules): pressing "Formulier openen" shows its own notice. The
//   triage is then sent as Teams sends a dialog's submit (invoke task/submit), through the
//   Playground's "Mock an Activity → Custom activity", and the advice arrives in the chat.
// - It has one signed-in user: a targeted message in the channel cannot be shown to be hidden from
//   the others; the test sees it arrive and the note that only the presser sees it.

const optedIn = process.env.ZICHT_PLAYGROUND === "1";
if (!optedIn) console.warn("Playground test skipped: set ZICHT_PLAYGROUND=1 to run it (see README).");
const skip = noChromium || !optedIn;
const ZAAK = "2026-9201";
const SHOTS = "test-output/playground";
const dir = mkdtempSync(join(tmpdir(), "zicht-playground-"));
const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
let zicht: RunningZicht;
let playground: ChildProcess;
let browser: Browser;
let page: Page;
let playgroundPort: number;
/** The local console's page, for its clock: the way local mode moves a day on and runs the jobs. */
let clock: Page;

/** A demo person as a Playground user: their Teams id is their Entra object id in the demo data. */
function user(code: string) {
  const i = DEMO_PEOPLE.findIndex((p) => p.code === code);
  const person = DEMO_PEOPLE[i];
  if (!person) throw new Error(`no demo person ${code}`);
  const [given = code, ...rest] = person.name.split(" ");
  return [
    `id: "29:${code}"`,
    `name: "${[given, ...rest].join(" ")}"`,
    `userPrincipleName: ${code}@example.org`,
    `aadObjectId: ${demoTeamsId(i)}`,
    `givenName: "${given}"`,
    `surname: "${rest.join(" ") || given}"`,
    `email: ${code}@example.org`,
  ];
}

const TENANT = "playground-tenant";
const BOT_ID = "00000000-0000-0000-0000-00000000000011";

const config = (me: string, others: string[]) =>
  [
    'version: "0.1.1"',
    `tenantId: ${TENANT}`,
    "bot:",
    `  id: ${BOT_ID}`,
    "  name: Zicht",
    "currentUser:",
    ...user(me).map((l) => `  ${l}`),
    "users:",
    ...others.flatMap((code) => user(code).map((l, i) => `${i === 0 ? "  - " : "    "}${l}`)),
    "personalChat:",
    "  id: playground-personal",
    "groupChat:",
    "  id: playground-group",
    "  name: Overleg",
    "team:",
    "  id: playground-team",
    "  name: CRT",
    "  aadGroupId: 00000000-0000-0000-0000-000000000031",
    "  channels:",
    "    - id: playground-crt",
    "      name: CRT",
    "",
  ].join("\n");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const PERSON = "pb-crt";

/** The newest card showing `text`, in whatever the Playground has open. */
const lastCard = (text: string | RegExp): Locator =>
  page.locator(".ac-adaptiveCard", { hasText: text }).last();

/** Waits until a card showing `text` is there; generous, as a loaded CI machine answers slowly. */
async function seeCard(text: string | RegExp): Promise<Locator> {
  await expect
    .poll(() => page.locator(".ac-adaptiveCard", { hasText: text }).count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  return lastCard(text);
}

async function shot(name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const dutch = (iso: string) => iso.split("-").reverse().join("-");

/** Runs a job of the local console's clock on `date`; returns the status line it shows. */
async function runJob(job: "sweep" | "digest", date: string): Promise<string> {
  await clock.fill("#zc-date", date);
  await clock.evaluate(() => {
    const el = document.getElementById("zc-status");
    if (el) el.textContent = "";
  });
  await clock.click(job === "sweep" ? "#zc-sweep" : "#zc-digest");
  const status = clock.locator("#zc-status");
  await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/verstuurd/i);
  return status.innerText();
}

/**
 * Sends an activity as the signed-in user through the Playground's "Mock an Activity → Custom
 * activity" editor (its way to send what its own UI cannot).
 */
async function customActivity(activity: Record<string, unknown>) {
  const i = DEMO_PEOPLE.findIndex((p) => p.code === PERSON);
  const full = {
    id: `playground-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: `http://localhost:${playgroundPort}/_connector`,
    from: { id: `29:${PERSON}`, aadObjectId: demoTeamsId(i), name: DEMO_PEOPLE[i]?.name },
    recipient: { id: BOT_ID, name: "Zicht" },
    conversation: { id: "playground-personal", conversationType: "personal", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...activity,
  };
  await page.getByText("Mock an Activity").click();
  await page.getByText("Custom activity", { exact: true }).click();
  await page.locator('[role="dialog"] .monaco-editor').click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // One line: the editor indents every new line it is typed.
  await page.keyboard.insertText(JSON.stringify(full));
  expect(await page.getByText("Invalid JSON format").count()).toBe(0);
  await page.getByRole("button", { name: "Send activity" }).click();
}

async function say(text: string) {
  const box = page.locator('[role="textbox"][data-lexical-editor="true"]');
  await box.fill(text);
  await box.press("Enter");
}

beforeAll(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  zicht = await startZicht(
    loadConfig({
      ZICHT_DATA_DIR: join(dir, "data"),
      PORT: "0",
      LOG_LEVEL: "silent",
      ZICHT_DISPATCH_SECONDS: "1",
    }),
  );
  const work = join(dir, "playground");
  mkdirSync(work);
  // A PB of the CRT asks; five colleagues make the Playground's minimum.
  writeFileSync(
    join(work, ".m365agentsplayground.yml"),
    config(PERSON, ["tm-1", "jb-crt-1", "jb-crt-2", "gw-2", "ccp-1"]),
  );
  const port = await freePort();
  playgroundPort = port;
  playground = spawn(
    process.execPath,
    [cli, "-e", `http://127.0.0.1:${zicht.port}/api/messages`, "-c", "msteams", "--dt", "-p", String(port)],
    { cwd: work, stdio: ["ignore", "pipe", "pipe"] },
  );
  let said = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Playground did not start: ${said}`)), 60_000);
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (/Listening on/.test(said)) {
        clearTimeout(timer);
        resolve();
      }
    };
    playground.stdout?.on("data", listen);
    playground.stderr?.on("data", listen);
    playground.on("exit", (code) => reject(new Error(`Playground exited (${code}): ${said}`)));
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  clock = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await clock.goto(zicht.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  playground?.kill();
  await zicht?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)("Zicht in the Microsoft 365 Agents Playground", () => {
  it("greets the signed-in PB by role when the app is installed", async () => {
    await expect
      .poll(async () => page.getByText("Welkom bij Zicht").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(async () => page.getByText("Als praktijkbegeleider").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/01-welkom.png` });
  });

  it("answers `werkvoorraad` with the cases in a card", async () => {
    await say("werkvoorraad");
    await expect
      .poll(async () => page.getByText(/Werkvoorraad.*: \d+ zaken/).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/02-werkvoorraad.png` });
  });

  it("answers `cijfers CRT` with the figures and the chart as an image with its text alternative", async () => {
    await say("cijfers CRT");
    await expect
      .poll(async () => page.getByText(/Cijfers Cliënt Regie Team — peildatum/).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const chart = page.locator('img[alt^="Werkvoorraad per week over"]');
    await expect.poll(async () => chart.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const shown = await chart.last().evaluate((img: HTMLImageElement) => ({
      loaded: img.complete && img.naturalWidth,
      src: img.src.slice(0, 22),
    }));
    expect(shown).toEqual({ loaded: 600, src: "data:image/png;base64," });
    await chart.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/03-cijfers.png` });
  });
  it("triage: the form's dialog is not shown by the Playground; its submit gives the advice with priority and routing", async () => {
    await say("triage");
    const launcher = await seeCard("Nieuwe zaak registreren en triëren");
    await launcher.getByRole("button", { name: "Formulier openen" }).click();
    // The Playground's own notice: it does not render task modules (Teams does).
    await expect
      .poll(async () => page.getByText(/Task module \(task\/fetch\) is not supported/).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await shot("04-triage-geen-dialoog");
    // What Teams sends when "Triëer" is pressed in the dialog: a new case, nothing of Bijlage 1
    // ticked, no ARIJ, no help in place, no regular team with room.
    await customActivity({
      type: "invoke",
      name: "task/submit",
      value: {
        data: {
          zicht: "submit",
          id: triageForms.triage.id,
          value: "",
          zaaknummer: ZAAK,
          measure: "ots",
          receivedOn: zicht.app.ctx.today(),
          team: "CCP",
          arijRisk: "onbekend",
          helpInPlace: "nee",
          regularTeamHasRoom: "nee",
        },
      },
    });
    const advice = await seeCard(`Triage zaak ${ZAAK}`);
    const text = await advice.innerText();
    expect(text).toContain("Advies: Naar de werkvoorraad (CRT)");
    expect(text).toMatch(/Prioriteit D laag \(score \d+\)/);
    await advice.scrollIntoViewIfNeeded();
    await shot("05-triage-advies");
  });

  it("a reminder: the day message arrives in the personal chat; Registreren records the contact", async () => {
    // A working day two weeks on, when new deadlines of the CRT's cases are due (the console's clock).
    let day = addDays(zicht.app.ctx.today(), 14);
    while (!/berichten verstuurd voor/.test(await runJob("sweep", day))) day = addDays(day, 1);
    const dayMessage = await seeCard(`Mijn dag — ${dutch(day)}`);
    await dayMessage.scrollIntoViewIfNeeded();
    await shot("06-mijn-dag");
    // The first contact due with its own buttons (escalated lines have none).
    const line = dayMessage.locator("xpath=.//p[contains(., ' — contactmoment')]").first();
    const zaak = /\d{4}-\d{4}/.exec(await line.innerText())?.[0];
    expect(zaak).toBeTruthy();
    await line.locator('xpath=following::button[normalize-space()="Registreren"][1]').click();
    const form = await seeCard(`Zaak ${zaak}. Alleen face-to-face contact`);
    await shot("07-contact-formulier");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await seeCard(`Contact geregistreerd voor zaak ${zaak}`);
    // The day message again, with this line done (the Playground gives no activity id to update).
    await expect
      .poll(
        async () =>
          new RegExp(`${zaak} — .* — gedaan`).test(await lastCard(`Mijn dag — ${dutch(day)}`).innerText()),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    await lastCard(`Mijn dag — ${dutch(day)}`).scrollIntoViewIfNeeded();
    await shot("08-contact-geregistreerd");
  });

  it("the digest: bound to the Playground's CRT channel, posted there; a button answers the presser only", async () => {
    // The beheerder binds the CRT to the channel with the teams CSV (`zicht import teams`; the CLI
    // cannot open the embedded database while Zicht holds it, so the same import runs here).
    const bound = await importCsv(
      zicht.app.ctx,
      { operator: "beheerder", via: "cli" },
      "teams",
      "code;naam;soort;teams_kanaal\nCRT;Cliënt Regie Team;crt;playground-crt\n",
    );
    expect(bound.ok).toBe(true);
    // A working day a week after the reminder's: that week's digest was not sent yet.
    let day = addDays(zicht.app.ctx.today(), 7);
    while (!/berichten verstuurd voor|al gedaan/.test(await runJob("digest", day))) day = addDays(day, 1);
    await page.getByRole("treeitem", { name: "CRT - CRT" }).click();
    const digest = await seeCard(`Weekoverzicht Cliënt Regie Team — ${dutch(day)}`);
    await shot("09-weekoverzicht");
    // Open a case from the overdue list's picker.
    const picker = digest.locator('input[placeholder="Kies een zaak"]').first();
    await picker.click();
    const option = page.getByRole("option").first();
    const zaak = /\d{4}-\d{4}/.exec(await option.innerText())?.[0];
    expect(zaak).toBeTruthy();
    await option.click();
    await picker.press("Escape");
    await digest.getByRole("button", { name: "Zaakkaart openen", exact: true }).first().click();
    // The case card is not posted to the channel for all: the Playground takes Teams' targeted
    // message, so the presser reads that only they see the answer, which follows in the channel.
    await expect
      .poll(async () => page.getByText(PRIVATE_ANSWER_HERE).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const card = await seeCard(new RegExp(`^Zaak ${zaak}`));
    await card.scrollIntoViewIfNeeded();
    await shot("10-weekoverzicht-zaakkaart-prive");
  });
});

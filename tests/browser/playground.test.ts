import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PEOPLE, demoTeamsId } from "../../db/demo/organisation.ts";
import { loadConfig } from "../../src/config.ts";
import { type RunningZicht, startZicht } from "../../src/zicht.ts";
import { launchChromium, noChromium } from "../support/chromium.ts";

// Zicht in Microsoft's own local Teams client, the M365 Agents Playground (npm
// @microsoft/m365agentsplayground, a devDependency: no binary is downloaded, it runs on Node). It
// posts real activities to Zicht's /api/messages in local mode and renders the answers with Teams'
// card renderer. Its config names the signed-in user (a demo person, matched by Entra object id)
// and must list at least 5 other users. Screenshots go to test-output/playground/.

const skip = noChromium;
const SHOTS = "test-output/playground";
const dir = mkdtempSync(join(tmpdir(), "zicht-playground-"));
const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
let zicht: RunningZicht;
let playground: ChildProcess;
let browser: Browser;
let page: Page;

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

const config = (me: string, others: string[]) =>
  [
    'version: "0.1.1"',
    "tenantId: playground-tenant",
    "bot:",
    "  id: 00000000-0000-0000-0000-00000000000011",
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

async function say(text: string) {
  const box = page.locator('[role="textbox"][data-lexical-editor="true"]');
  await box.fill(text);
  await box.press("Enter");
}

beforeAll(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  zicht = await startZicht(loadConfig({ ZICHT_DATA_DIR: join(dir, "data"), PORT: "0", LOG_LEVEL: "silent" }));
  const work = join(dir, "playground");
  mkdirSync(work);
  // A PB of the CRT asks; five colleagues make the Playground's minimum.
  writeFileSync(
    join(work, ".m365agentsplayground.yml"),
    config("pb-crt", ["tm-1", "jb-crt-1", "jb-crt-2", "gw-2", "ccp-1"]),
  );
  const port = await freePort();
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
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { writeReport } from "../../src/reports/write.ts";
import { seedFigureOrganisation } from "../fixtures/figures/organisation.ts";
import { launchChromium, noChromium } from "../support/chromium.ts";
import { testContext, testDatabase } from "../support/db.ts";

const require = createRequire(import.meta.url);
const SHOTS = "test-output/report";
const out = mkdtempSync(join(tmpdir(), "zicht-rapport-"));
let db: Db;
let close: () => Promise<void>;
let browser: Browser | undefined;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await seedFigureOrganisation(db);
  const ctx = testContext(db, "2026-11-23");
  const written = await writeReport(ctx, null, {
    van: "2026-01-05",
    tot: "2026-06-30",
    out,
    withZaaknummers: false,
  });
  if (!written.ok) throw new Error(written.error.message);
  if (!noChromium) browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await close();
  rmSync(out, { recursive: true, force: true });
});

describe("the half-year evaluation report", () => {
  it("writes one HTML page and a CSV per table, without zaaknummers unless asked", () => {
    expect(readdirSync(out).sort()).toEqual([
      "caseload.csv",
      "index.html",
      "normen.csv",
      "veiligheid.csv",
      "wachttijd.csv",
      "werkvoorraad-op-peildatum.csv",
      "werkvoorraad-per-week.csv",
    ]);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).not.toMatch(/\b20\d\d-0\d0\d\b/); // the fixture's zaaknummers, e.g. 2026-0202
    expect(html).not.toContain("<script");
    expect(readFileSync(join(out, "normen.csv"), "utf8")).toContain(
      "Eerste face-to-face contact binnen 5 werkdagen;2;1;0;1",
    );
  });

  it("with --met-zaaknummers, lists the werkvoorraad's zaaknummers in an annex, and the export is logged", async () => {
    const annex = join(out, "met");
    const ctx = testContext(db, "2026-11-23");
    const written = await writeReport(ctx, null, {
      van: "2026-01-05",
      tot: "2026-06-30",
      out: annex,
      withZaaknummers: true,
    });
    expect(written.ok && written.value.zaaknummers).toBe(3);
    const html = readFileSync(join(annex, "index.html"), "utf8");
    for (const z of ["2025-0901", "2026-0202", "2026-0303"]) expect(html).toContain(`<li>${z}</li>`);
    expect(html).not.toContain("2026-0101"); // back in a regular team on the reference date
    const log = await db.query.auditLog.findMany();
    const entry = log.filter((r) => r.action === "rapport_export").at(-1);
    expect(entry).toMatchObject({ access: "export", zaaknummers: ["2025-0901", "2026-0202", "2026-0303"] });
  });

  it.skipIf(noChromium)(
    "opens in Chromium with real headings and tables, and passes axe (WCAG 2.1 AA)",
    async () => {
      mkdirSync(SHOTS, { recursive: true });
      const page = await (browser as Browser).newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(join(out, "index.html")).toString());
      expect(await page.getAttribute("html", "lang")).toBe("nl");
      expect(await page.locator("h1").count()).toBe(1);
      expect(await page.locator("h2").allTextContents()).toEqual([
        "Werkvoorraad",
        "Normen",
        "Minimale veiligheidsinzet",
        "Caseload en capaciteit",
        "Definities",
      ]);
      expect(await page.locator("table caption").count()).toBe(6);
      expect(await page.locator("svg[role=img]").count()).toBe(2);
      await page.screenshot({ path: `${SHOTS}/rapport.png`, fullPage: true });
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: `${SHOTS}/rapport-print.png`, fullPage: true });
      await page.emulateMedia({ media: "screen" });

      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
          }
        ).axe;
        const result = await axe.run({
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
      });
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      await page.close();
    },
  );
});

import { mkdirSync, writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { computeFigures, type Figures } from "../../src/cases/figures.ts";
import { DEFAULT_POLICY } from "../../src/domain/policy.ts";
import { figuresChartImage } from "../../src/reports/chartImage.ts";
import type { ImageBlock } from "../../src/ui/view.ts";
import { seedFigureOrganisation } from "../fixtures/figures/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// The chat chart is a PNG drawn on the server with nothing fetched: it must be a PNG any decoder
// reads, small enough for a Teams card, and show the chart: its bars in their colours, and text.

let db: Db;
let close: () => Promise<void>;
let figures: Figures;
let image: ImageBlock;
let png: Buffer;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await seedFigureOrganisation(db);
  const result = await computeFigures(testContext(db, "2026-11-23"), null, { peildatum: "2026-06-30" });
  if (!result.ok) throw new Error(result.error.message);
  figures = result.value;
  image = await figuresChartImage(figures, DEFAULT_POLICY, "Cijfers alle teams");
  png = Buffer.from(image.png, "base64");
  mkdirSync("test-output/charts", { recursive: true });
  writeFileSync("test-output/charts/cijfers.png", png);
}, 60_000);
afterAll(() => close());

/** Decodes the PNG with resvg's own decoder (the Rust png crate), not with the code that wrote it. */
async function decode(bytes: Buffer): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${bytes.toString("base64")}"/></svg>`;
  const r = new Resvg(svg, { fitTo: { mode: "original" } });
  const out = r.render();
  return { width: out.width, height: out.height, pixels: out.pixels };
}

const countColour = (pixels: Uint8Array, hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b && pixels[i + 3] === 255) n++;
  return n;
};

describe("the chat chart as a PNG", () => {
  it("is a PNG of a chat-sized picture and a few kilobytes", async () => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { width, height, pixels } = await decode(png);
    expect(width).toBe(600);
    expect(height).toBeGreaterThan(200);
    expect(height).toBeLessThan(450);
    expect(pixels.length).toBe(width * height * 4);
    // Inline in a Teams card as base64 beside the figures (28 KB in all).
    expect(png.length).toBeGreaterThan(2_000);
    expect(image.png.length).toBeLessThan(14_000);
  });

  it("shows the werkvoorraad bars, the norm outcomes and readable text", async () => {
    const { width, pixels } = await decode(png);
    // Bars in the house colour; late and still-open norm outcomes in theirs.
    expect(countColour(pixels, "#1f4e5f")).toBeGreaterThan(5_000);
    expect(countColour(pixels, "#b3541e")).toBeGreaterThan(200);
    expect(countColour(pixels, "#6b7b83")).toBeGreaterThan(200);
    // The waiting-time line with its weekly points.
    expect(countColour(pixels, "#6a3d9a")).toBeGreaterThan(300);
    // The title row holds text: dark pixels where the font drew glyphs (none if no font was loaded).
    let dark = 0;
    for (let i = 0; i < width * 18 * 4; i += 4)
      if ((pixels[i] ?? 255) < 100 && (pixels[i + 1] ?? 255) < 100 && (pixels[i + 2] ?? 255) < 100) dark++;
    expect(dark).toBeGreaterThan(150);
  });

  it("says in words what it shows (its alternative text)", () => {
    expect(image.alt).toContain(`over ${figures.werkvoorraad.weeks.length} weken`);
    // The waiting time from the first week's median (54 days) to the reference date's (29).
    expect(image.alt).toContain("Mediane wachttijd sinds ontvangst van 54 naar 29 dagen.");
    expect(image.alt).toContain("Triage binnen 2 werkdagen:");
    expect(image.alt).toMatch(/op tijd/);
  });
});

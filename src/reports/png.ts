import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { indexedPng } from "./pngPalette.ts";

// SVG → PNG for chat, where SVG is not shown (Slack images, Teams cards). resvg runs as WebAssembly
// and draws text with a font shipped in node_modules: nothing is downloaded or fetched at run time,
// and the chart looks the same on every machine (no system fonts are read).

const require = createRequire(import.meta.url);
const FONT = "DejaVu Sans";

let ready: Promise<Uint8Array[]> | undefined;

/** Loads the renderer and the font once per process. */
function renderer(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    await initWasm(readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    const dir = require.resolve("dejavu-fonts-ttf/package.json").replace(/package\.json$/, "ttf/");
    return [
      new Uint8Array(await readFile(`${dir}DejaVuSans.ttf`)),
      new Uint8Array(await readFile(`${dir}DejaVuSans-Bold.ttf`)),
    ];
  })();
  return ready;
}

/** The SVG drawn as a PNG `width` pixels wide, on white (chat themes may be dark). */
export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const fontBuffers = await renderer();
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "width", value: width },
    font: { fontBuffers, defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  try {
    const image = resvg.render();
    try {
      return indexedPng(image.pixels, image.width, image.height);
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

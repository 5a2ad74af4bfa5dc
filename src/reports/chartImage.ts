import type { Figures } from "../cases/figures.ts";
import type { Policy } from "../domain/policy.ts";
import type { ImageBlock } from "../ui/view.ts";
import { chatChart } from "./charts.ts";
import { svgToPng } from "./png.ts";

/** Wide enough to read in a chat bubble, small enough (about 7 KB) to ride inside a Teams card. */
const CHAT_WIDTH = 600;

/** The figures' small chart (werkvoorraad per week, the intake norms) as an image for chat. */
export async function figuresChartImage(f: Figures, policy: Policy, title: string): Promise<ImageBlock> {
  const chart = await chatChart(f, policy);
  const png = await svgToPng(chart.svg, CHAT_WIDTH);
  return { type: "image", png: Buffer.from(png).toString("base64"), alt: chart.description, title };
}

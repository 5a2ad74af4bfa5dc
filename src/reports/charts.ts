import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Figures } from "../cases/figures.ts";
import { dutchDate, dutchDayMonth } from "../domain/dates.ts";
import { INTAKE_NORMS } from "../domain/figures/norms.ts";
import type { Policy } from "../domain/policy.ts";
import { normLabel } from "../ui/figuresView.ts";
import { count, dutchNumber, percent } from "../ui/labels.ts";

// Charts are drawn on the server as SVG with Vega-Lite: nothing is fetched at run time, and the
// SVG carries its own description for screen readers (WCAG 1.1.1).

const COLORS = { primary: "#1f4e5f", late: "#b3541e", open: "#8c2d19", wait: "#6b7b83", waiting: "#6a3d9a" };

/** "mediaan 29 dagen" over a series' first and last week that had children waiting. */
function waitingSummary(weeks: readonly { medianWaitingDays: number | null }[]): string {
  const known = weeks.map((w) => w.medianWaitingDays).filter((d): d is number => d !== null);
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined)
    return "Mediane wachttijd: geen kinderen op de werkvoorraad.";
  return `Mediane wachttijd sinds ontvangst van ${dutchNumber(first)} naar ${dutchNumber(last)} dagen.`;
}

export interface Chart {
  svg: string;
  /** What the chart shows, in one Dutch sentence: its text alternative. */
  description: string;
}

async function toSvg(spec: TopLevelSpec & { description: string }): Promise<Chart> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return { svg: await view.toSVG(), description: spec.description };
  } finally {
    view.finalize();
  }
}

/**
 * The werkvoorraad's size at the end of each week and, under it on the same weeks, the median
 * waiting time since receipt of the children on it then.
 */
export function werkvoorraadChart(f: Figures): Promise<Chart> {
  const values = f.werkvoorraad.weeks.map((w) => ({
    week: dutchDate(w.from),
    omvang: w.sizeAtEnd,
    wachttijd: w.medianWaitingDays,
  }));
  const last = values.at(-1);
  const x = {
    field: "week",
    type: "ordinal",
    sort: null,
    title: "Week vanaf maandag",
    axis: { labelAngle: -45 },
  } as const;
  return toSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Omvang van de werkvoorraad per week over ${values.length} weken; op de peildatum ${last?.omvang ?? 0} kinderen. ${waitingSummary(f.werkvoorraad.weeks)}`,
    data: { values },
    vconcat: [
      {
        width: 560,
        height: 180,
        mark: { type: "bar", color: COLORS.primary },
        encoding: {
          x: { ...x, title: null, axis: { labels: false, ticks: false } },
          y: { field: "omvang", type: "quantitative", title: "Kinderen op de werkvoorraad" },
        },
      },
      {
        width: 560,
        height: 120,
        mark: { type: "line", color: COLORS.waiting, point: { color: COLORS.waiting } },
        encoding: {
          x,
          y: { field: "wachttijd", type: "quantitative", title: "Mediane wachttijd (dagen)" },
        },
      },
    ],
  });
}

/** Per intake norm: on time, late, open and overdue, open in time. */
export function normChart(f: Figures, policy: Policy): Promise<Chart> {
  const parts = [
    ["op tijd", "onTime", COLORS.primary],
    ["te laat", "late", COLORS.late],
    ["open en te laat", "openOverdue", COLORS.open],
    ["nog binnen termijn", "openInTime", COLORS.wait],
  ] as const;
  const values = INTAKE_NORMS.flatMap((norm) =>
    parts.map(([label, key]) => ({
      norm: normLabel(norm, policy),
      uitkomst: label,
      zaken: f.norms[norm][key],
    })),
  );
  return toSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Normen voor zaken ontvangen van ${dutchDate(f.period.from)} tot en met ${dutchDate(f.period.to)}: per norm het aantal zaken op tijd, te laat, open en te laat, en nog binnen de termijn.`,
    width: 380,
    height: 170,
    data: { values },
    mark: "bar",
    encoding: {
      y: { field: "norm", type: "nominal", sort: null, title: null, axis: { labelLimit: 340 } },
      x: { field: "zaken", type: "quantitative", stack: "zero", title: "Zaken" },
      color: {
        field: "uitkomst",
        type: "nominal",
        sort: parts.map(([l]) => l),
        scale: { domain: parts.map(([l]) => l), range: parts.map(([, , c]) => c) },
        title: "Uitkomst",
      },
    },
  });
}

/**
 * The small chart for chat (the cijfers answer and the weekly digest): the werkvoorraad per week,
 * the median waiting time per week under it, and each intake norm as one stacked bar. Sized for a chat bubble; week labels are
 * thinned so they stay readable at that width.
 */
export function chatChart(f: Figures, policy: Policy): Promise<Chart> {
  const weeks = f.werkvoorraad.weeks.map((w, i) => ({
    week: dutchDayMonth(w.from),
    label: i % 5 === 0,
    omvang: w.sizeAtEnd,
    wachttijd: w.medianWaitingDays,
  }));
  const parts = [
    ["op tijd", "onTime", COLORS.primary],
    ["te laat", "late", COLORS.late],
    ["open, te laat", "openOverdue", COLORS.open],
    ["nog binnen termijn", "openInTime", COLORS.wait],
  ] as const;
  const norms = INTAKE_NORMS.flatMap((norm) =>
    parts.map(([label, key]) => ({
      norm: normLabel(norm, policy),
      uitkomst: label,
      zaken: f.norms[norm][key],
    })),
  );
  const shown = new Set(weeks.filter((w) => w.label).map((w) => w.week));
  const first = weeks[0]?.omvang ?? 0;
  const last = weeks.at(-1)?.omvang ?? 0;
  const ontime = INTAKE_NORMS.map((n) => {
    const v = f.norms[n];
    const decided = v.onTime + v.late + v.openOverdue;
    return `${normLabel(n, policy)}: ${decided === 0 ? "nog geen zaken" : `${percent(v.onTime / decided)} op tijd`}`;
  });
  /** One weekly bar panel of the small chart: the weeks along the bottom, `field` up. */
  const weekly = (title: string, field: string, height: number, color: string) => ({
    width: 440,
    height,
    title: { text: title, fontSize: 11, anchor: "start" as const },
    data: { values: weeks },
    mark: { type: "bar" as const, color },
    encoding: {
      x: {
        field: "week",
        type: "ordinal" as const,
        sort: null,
        title: null,
        axis: { labelAngle: 0, ticks: false, values: [...shown] },
      },
      y: { field, type: "quantitative" as const, title: null, axis: { tickCount: 3 } },
    },
  });
  return toSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Werkvoorraad per week over ${weeks.length} weken, van ${count(first, "kind", "kinderen")} naar ${count(last, "kind", "kinderen")}. ${waitingSummary(f.werkvoorraad.weeks)} Normen: ${ontime.join("; ")}.`,
    config: { font: "DejaVu Sans", view: { stroke: null }, axis: { labelFontSize: 10, titleFontSize: 10 } },
    vconcat: [
      weekly("Kinderen op de werkvoorraad per week", "omvang", 90, COLORS.primary),
      // Bars, not a line: a sloped line's anti-aliased edges would crowd the PNG's 256 colours.
      weekly("Mediane wachttijd sinds ontvangst (dagen), eind van de week", "wachttijd", 60, COLORS.waiting),
      {
        width: 200,
        height: 100,
        title: { text: "Normen (zaken ontvangen in de periode)", fontSize: 11, anchor: "start" },
        data: { values: norms },
        mark: "bar",
        encoding: {
          y: { field: "norm", type: "nominal", sort: null, title: null, axis: { labelLimit: 280 } },
          x: {
            field: "zaken",
            type: "quantitative",
            stack: "normalize",
            title: null,
            axis: { format: "%", tickCount: 3 },
          },
          color: {
            field: "uitkomst",
            type: "nominal",
            sort: parts.map(([l]) => l),
            scale: { domain: parts.map(([l]) => l), range: parts.map(([, , c]) => c) },
            legend: { title: null, orient: "bottom", direction: "vertical", labelFontSize: 10 },
          },
        },
      },
    ],
  });
}

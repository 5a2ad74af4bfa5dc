import type { Figures } from "../cases/figures.ts";
import { dutchDate } from "../domain/dates.ts";
import type { Policy } from "../domain/policy.ts";
import { type Chart, normChart, werkvoorraadChart } from "./charts.ts";
import type { ReportTable } from "./tables.ts";

// The half-year evaluation of the CRT (000_…: "Halfjaarlijkse evaluatie op de inzet en de werking
// van het CRT") as one self-contained, printable HTML page: real headings, tables with headers,
// charts inline with their descriptions, and the definition of every figure.

const html = (s: string | number) =>
  String(s)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

function table(t: ReportTable): string {
  const head = t.headers.map((h) => `<th scope="col">${html(h)}</th>`).join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${html(c)}</th>` : `<td>${html(c)}</td>`)).join("")}</tr>`,
    )
    .join("\n");
  return `<table id="${t.id}"><caption>${html(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>
<p class="csv">Ook als <a href="${t.id}.csv">${t.id}.csv</a>.</p>`;
}

const DEFINITIONS: [string, string][] = [
  ["Werkvoorraad", "Kinderen zonder vaste jeugdbeschermer: zaken in fase CCP of CRT op de peildatum."],
  [
    "Instroom en uitstroom",
    "Een zaak stroomt in op de dag dat zij in fase CCP of CRT komt, en uit op de dag dat zij naar een regulier team gaat of wordt afgesloten. Een overgang van CCP naar CRT blijft binnen de werkvoorraad.",
  ],
  [
    "Wachttijd",
    "Kalenderdagen van ontvangst door de GI tot de peildatum, voor de kinderen op de werkvoorraad. De mediaan is de middelste waarde (bij een even aantal het gemiddelde van de middelste twee); het 90e percentiel is de waarde waar 90% van de kinderen op of onder zit (een waarde die voorkomt, niet geïnterpoleerd).",
  ],
  [
    "Wachttijd per week",
    "De mediane wachttijd van de kinderen die aan het eind van de week (zondag, of de peildatum in de week van de peildatum) op de werkvoorraad stonden: kalenderdagen van ontvangst door de GI tot die dag. Leeg als er toen geen kinderen op de werkvoorraad stonden.",
  ],
  [
    "Normen",
    "Voor zaken ontvangen in de periode: triage, eerste face-to-face contact en ARIJ met MDO tellen in werkdagen na ontvangst (weekend en feestdagen van de kalender van de organisatie tellen niet); plan van aanpak (niet bij voogdij) en passende hulp tellen vanaf de uitspraak, of de ontvangst als die onbekend is. Op tijd = gedaan op of vóór de termijn.",
  ],
  [
    "Minimale veiligheidsinzet (LHP)",
    "Gezien binnen de norm: het laatste face-to-face contact met het kind is niet ouder dan drie maanden, of de kortere contactfrequentie uit de kernbeslissing.",
  ],
  [
    "Caseload per fte",
    "Open zaken met een eigenaar in het team op de peildatum, gedeeld door het fte van de medewerkers die zaken dragen.",
  ],
];

export interface ReportInput {
  figures: Figures;
  policy: Policy;
  tables: ReportTable[];
  /** The annex of zaaknummers, only when asked for (`--met-zaaknummers`). */
  zaaknummers?: string[];
}

export async function renderReport({
  figures: f,
  policy,
  tables,
  zaaknummers,
}: ReportInput): Promise<string> {
  const scope = f.teamName ?? "alle teams";
  const title = `Evaluatie werkvoorraad ${scope}, ${dutchDate(f.period.from)} tot en met ${dutchDate(f.period.to)}`;
  const [werkvoorraad, norms] = await Promise.all([werkvoorraadChart(f), normChart(f, policy)]);
  const byId = (id: string) => tables.find((t) => t.id === id);
  const section = (heading: string, ...parts: (string | undefined)[]) =>
    `<section><h2>${html(heading)}</h2>\n${parts.filter(Boolean).join("\n")}</section>`;
  const figure = (chart: Chart, caption: string) =>
    `<figure>${chart.svg.replace("<svg ", `<svg role="img" aria-label="${html(chart.description)}" focusable="false" `)}<figcaption>${html(caption)}</figcaption></figure>`;
  const tableOf = (id: string) => {
    const t = byId(id);
    return t ? table(t) : undefined;
  };
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e5f; }
  table { border-collapse: collapse; margin: 1rem 0; }
  caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
  th, td { border: 1px solid #6b7b83; padding: .25rem .5rem; text-align: right; }
  th[scope="row"], thead th:first-child { text-align: left; }
  thead th { background: #e8eef0; }
  figure { margin: 1rem 0; } figcaption { font-size: .9rem; color: #333; }
  .csv { font-size: .9rem; } a { color: #1f4e5f; }
  dt { font-weight: 600; margin-top: .5rem; }
  @media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } .csv { display: none; } }
</style>
</head>
<body>
<main>
<h1>${html(title)}</h1>
<p>Peildatum ${html(dutchDate(f.peildatum))}. Alle cijfers zijn berekend uit wat tot en met de peildatum in Zicht is vastgelegd; later vastgelegde gebeurtenissen veranderen ze niet. Dit rapport bevat geen namen of andere gegevens van kinderen of ouders.</p>
${section(
  "Werkvoorraad",
  figure(
    werkvoorraad,
    "Boven: omvang van de werkvoorraad aan het eind van elke week. Onder: mediane wachttijd sinds ontvangst van de kinderen die dan op de werkvoorraad stonden.",
  ),
  tableOf("werkvoorraad-op-peildatum"),
  tableOf("werkvoorraad-per-week"),
  tableOf("wachttijd"),
)}
${section("Normen", figure(norms, "Uitkomst per norm voor de zaken ontvangen in de periode."), tableOf("normen"))}
${section("Minimale veiligheidsinzet", tableOf("veiligheid"))}
${section("Caseload en capaciteit", tableOf("caseload"))}
${section(
  "Definities",
  `<dl>${DEFINITIONS.map(([t, d]) => `<dt>${html(t)}</dt><dd>${html(d)}</dd>`).join("")}</dl>`,
)}
${
  zaaknummers
    ? section(
        "Bijlage: zaaknummers op de werkvoorraad",
        `<p>Alleen voor intern gebruik. ${zaaknummers.length} zaaknummers op de peildatum.</p><ul>${zaaknummers.map((z) => `<li>${html(z)}</li>`).join("")}</ul>`,
      )
    : ""
}
</main>
</body>
</html>
`;
}

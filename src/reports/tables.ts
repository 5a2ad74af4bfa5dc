import type { Figures } from "../cases/figures.ts";
import { dutchDate } from "../domain/dates.ts";
import { INTAKE_NORMS } from "../domain/figures/norms.ts";
import type { Policy } from "../domain/policy.ts";
import type { Measure } from "../domain/types.ts";
import { normLabel } from "../ui/figuresView.ts";
import { dutchNumber, MEASURE_LABEL, PHASE_LABEL, percent } from "../ui/labels.ts";

/** One table of the report: the same rows go into the HTML and into its CSV file. */
export interface ReportTable {
  /** File name of the CSV, without extension. */
  id: string;
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}

export function reportTables(f: Figures, policy: Policy): ReportTable[] {
  const s = f.safety;
  return [
    {
      id: "werkvoorraad-per-week",
      caption:
        "Werkvoorraad per week: instroom, uitstroom, omvang en mediane wachttijd (kalenderdagen sinds ontvangst) aan het eind van de week",
      headers: [
        "Week",
        "Vanaf",
        "Instroom",
        "Naar regulier team",
        "Afgesloten",
        "Anders",
        "Netto",
        "Omvang",
        "Mediane wachttijd (dagen)",
      ],
      rows: f.werkvoorraad.weeks.map((w) => [
        w.week,
        dutchDate(w.from),
        w.inflow,
        w.outflowRegulier,
        w.outflowClosed,
        w.outflowOther,
        w.net,
        w.sizeAtEnd,
        w.medianWaitingDays === null ? "—" : dutchNumber(w.medianWaitingDays),
      ]),
    },
    {
      id: "werkvoorraad-op-peildatum",
      caption: `Werkvoorraad op ${dutchDate(f.peildatum)} naar fase en maatregel`,
      headers: ["Indeling", "Kinderen"],
      rows: [
        [PHASE_LABEL.ccp, f.werkvoorraad.byPhase.ccp],
        [PHASE_LABEL.crt, f.werkvoorraad.byPhase.crt],
        ...(Object.entries(f.werkvoorraad.byMeasure) as [Measure, number][]).map(([m, n]) => [
          MEASURE_LABEL[m],
          n,
        ]),
        ["Totaal", f.werkvoorraad.size],
      ],
    },
    {
      id: "wachttijd",
      caption: "Wachttijd sinds ontvangst van de kinderen op de werkvoorraad (kalenderdagen)",
      headers: ["Maat", "Dagen"],
      rows: [
        ["Mediaan", f.waitingDays.median === null ? "—" : dutchNumber(f.waitingDays.median)],
        ["90e percentiel", f.waitingDays.p90 ?? "—"],
        ["Langste", f.waitingDays.longest ?? "—"],
      ],
    },
    {
      id: "normen",
      caption: `Normen voor zaken ontvangen van ${dutchDate(f.period.from)} tot en met ${dutchDate(f.period.to)}`,
      headers: ["Norm", "Op tijd", "Te laat", "Open en te laat", "Nog binnen termijn"],
      rows: INTAKE_NORMS.map((n) => {
        const c = f.norms[n];
        return [normLabel(n, policy), c.onTime, c.late, c.openOverdue, c.openInTime];
      }),
    },
    {
      id: "veiligheid",
      caption: "Minimale veiligheidsinzet (LHP) voor de kinderen op de werkvoorraad",
      headers: ["Maat", "Waarde"],
      rows: [
        ["Kinderen op de werkvoorraad", s.children],
        ["Face-to-face gezien binnen de norm", `${s.seenWithinNorm} (${percent(s.seenWithinNormShare)})`],
        ["Nog nooit face-to-face gezien", s.neverSeen],
        ["ARIJ jonger dan een jaar", `${s.arijWithinYear} (${percent(s.arijWithinYearShare)})`],
        ["Kernbesluiten in de periode", s.kernbesluitenInPeriod],
        [
          `Kernbesluiten met een ARIJ ouder dan ${policy.deadlines.arijMaxWeeksBeforeKernbesluit} weken`,
          s.kernbesluitenWithOldArij,
        ],
      ],
    },
    {
      id: "caseload",
      caption: `Caseload per fte op ${dutchDate(f.peildatum)}`,
      headers: ["Team", "Zaken", "Fte", "Zaken per fte", "Norm per fte", "Vrije capaciteit"],
      rows: f.caseload.map((c) => [
        c.teamName,
        c.cases,
        dutchNumber(c.fte),
        c.perFte === null ? "—" : dutchNumber(c.perFte),
        dutchNumber(c.norm),
        dutchNumber(c.free),
      ]),
    },
  ];
}

/** CSV as Dutch spreadsheets open it: semicolons, a byte-order mark, every cell quoted when needed. */
export function toCsv(t: ReportTable): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[";\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${[t.headers, ...t.rows].map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}

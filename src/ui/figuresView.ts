import type { Figures } from "../cases/figures.ts";
import { dutchDate } from "../domain/dates.ts";
import type { IntakeNorm } from "../domain/figures/norms.ts";
import type { Policy } from "../domain/policy.ts";
import { count, dutchNumber, percent } from "./labels.ts";
import { type ImageBlock, type Message, message } from "./view.ts";

// The norm meter in chat: the figures a teammanager reports, compact, for one reference date.

export function normLabel(norm: IntakeNorm, policy: Policy): string {
  const d = policy.deadlines;
  switch (norm) {
    case "triage":
      return `Triage binnen ${count(d.triageWorkdays, "werkdag", "werkdagen")}`;
    case "eerste_contact":
      return `Eerste face-to-face contact binnen ${count(d.eersteContactWorkdays, "werkdag", "werkdagen")}`;
    case "arij_mdo":
      return `ARIJ en MDO binnen ${count(d.arijMdoWorkdays, "werkdag", "werkdagen")}`;
    case "plan_van_aanpak":
      return `Plan van aanpak binnen ${count(d.planVanAanpakWeeks, "week", "weken")}`;
    case "hulp":
      return `Passende hulp binnen ${count(d.hulpMonths, "maand", "maanden")}`;
  }
}

export function normLine(norm: IntakeNorm, f: Figures, policy: Policy): string {
  const n = f.norms[norm];
  const done = n.onTime + n.late;
  const all = done + n.openOverdue + n.openInTime;
  const onTimeShare = all - n.openInTime === 0 ? null : n.onTime / (all - n.openInTime);
  return `${normLabel(norm, policy)}: *${percent(onTimeShare)} op tijd* — ${n.onTime} op tijd, ${n.late} te laat, ${n.openOverdue} open en te laat, ${n.openInTime} nog binnen de termijn`;
}

/** The figures as a compact message; `chart` (werkvoorraad and norms as an image) goes under the key figures. */
export function figuresMessage(f: Figures, policy: Policy, chart?: ImageBlock): Message {
  const scope = f.teamName ?? "alle teams";
  const thisWeek = f.werkvoorraad.weeks.at(-1);
  const w = f.waitingDays;
  const s = f.safety;
  return message(
    `Cijfers ${scope} op ${dutchDate(f.peildatum)}: ${count(f.werkvoorraad.size, "kind", "kinderen")} op de werkvoorraad`,
    [
      { type: "heading", text: `Cijfers ${scope} — peildatum ${dutchDate(f.peildatum)}` },
      {
        type: "fields",
        fields: [
          {
            label: "Op de werkvoorraad",
            value: `${count(f.werkvoorraad.size, "kind", "kinderen")} (CCP ${f.werkvoorraad.byPhase.ccp}, CRT ${f.werkvoorraad.byPhase.crt})`,
          },
          {
            label: "Deze week",
            value: thisWeek
              ? `${thisWeek.inflow} erbij, ${thisWeek.outflowRegulier + thisWeek.outflowClosed + thisWeek.outflowOther} eraf`
              : "—",
          },
          {
            label: "Wachttijd sinds ontvangst",
            value:
              w.median === null
                ? "—"
                : `mediaan ${count(w.median, "dag", "dagen")}, 90% korter dan ${count(w.p90 ?? 0, "dag", "dagen")}, langste ${count(w.longest ?? 0, "dag", "dagen")}`,
          },
          {
            label: "Gezien volgens de norm (LHP)",
            value: `${percent(s.seenWithinNormShare)}; ${count(s.neverSeen, "kind", "kinderen")} nog nooit gezien`,
          },
          { label: "ARIJ jonger dan een jaar", value: percent(s.arijWithinYearShare) },
          {
            label: "Kernbesluiten met een te oude ARIJ",
            value: `${s.kernbesluitenWithOldArij} van ${s.kernbesluitenInPeriod}`,
          },
        ],
      },
      ...(chart ? [chart] : []),
      {
        type: "text",
        text: `*Normen* voor zaken ontvangen van ${dutchDate(f.period.from)} tot en met ${dutchDate(f.period.to)}:`,
      },
      { type: "list", items: (Object.keys(f.norms) as IntakeNorm[]).map((n) => normLine(n, f, policy)) },
      { type: "text", text: "*Caseload per fte*" },
      {
        type: "list",
        items: f.caseload.map(
          (c) =>
            `${c.teamName}: ${c.perFte === null ? "geen fte" : `${dutchNumber(c.perFte)} per fte`} (norm ${dutchNumber(c.norm)}), ${c.free >= 0 ? `${dutchNumber(c.free)} vrij` : `${dutchNumber(-c.free)} boven de norm`}`,
        ),
      },
      {
        type: "context",
        text: "Berekend uit wat tot en met de peildatum is vastgelegd; later vastgelegde gebeurtenissen veranderen deze cijfers niet.",
      },
    ],
  );
}

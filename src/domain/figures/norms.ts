import type { Calendar } from "../calendar.ts";
import { addMonths, addWeeks } from "../dates.ts";
import type { Policy } from "../policy.ts";
import type { IsoDate, Measure } from "../types.ts";

// Norm compliance of the intake (domain.md §5; IGJ norms 1–3 of 001_…), counted in werkdagen and
// weeks exactly as the deadlines are, for the cases received in a period.

export const INTAKE_NORMS = ["triage", "eerste_contact", "arij_mdo", "plan_van_aanpak", "hulp"] as const;
export type IntakeNorm = (typeof INTAKE_NORMS)[number];

export interface IntakeFacts {
  measure: Measure;
  receivedOn: IsoDate;
  rulingOn: IsoDate | null;
  /** When each norm's event happened (first triage, first face-to-face contact, first ARIJ, marks). */
  doneOn: Record<IntakeNorm, IsoDate | null>;
}

export interface NormCount {
  /** Done on or before the due date. */
  onTime: number;
  /** Done after the due date. */
  late: number;
  /** Not done, due date passed. */
  openOverdue: number;
  /** Not done, due date not yet passed. */
  openInTime: number;
}

const PLAN_MEASURES: readonly Measure[] = ["ots", "vots", "jr"];

/** The due date of an intake norm for one case; null when the norm does not apply (voogdij plan). */
export function intakeDue(
  norm: IntakeNorm,
  c: IntakeFacts,
  policy: Policy,
  calendar: Calendar,
): IsoDate | null {
  const d = policy.deadlines;
  const start = c.rulingOn ?? c.receivedOn;
  switch (norm) {
    case "triage":
      return calendar.addWorkdays(c.receivedOn, d.triageWorkdays);
    case "eerste_contact":
      return calendar.addWorkdays(c.receivedOn, d.eersteContactWorkdays);
    case "arij_mdo":
      return calendar.addWorkdays(c.receivedOn, d.arijMdoWorkdays);
    case "plan_van_aanpak":
      return PLAN_MEASURES.includes(c.measure)
        ? calendar.nextWorkingDay(addWeeks(start, d.planVanAanpakWeeks))
        : null;
    case "hulp":
      return calendar.nextWorkingDay(addMonths(start, d.hulpMonths));
  }
}

/** Per norm, how the cases did as of the reference date (events after it do not count). */
export function normCompliance(
  intake: readonly IntakeFacts[],
  peildatum: IsoDate,
  policy: Policy,
  calendar: Calendar,
): Record<IntakeNorm, NormCount> {
  const out = Object.fromEntries(
    INTAKE_NORMS.map((n) => [n, { onTime: 0, late: 0, openOverdue: 0, openInTime: 0 }]),
  ) as Record<IntakeNorm, NormCount>;
  // Many cases share a receipt day: each due date is counted on the calendar once.
  const dues = new Map<string, IsoDate | null>();
  const dueOf = (norm: IntakeNorm, c: IntakeFacts) => {
    const key = `${norm} ${c.receivedOn} ${c.rulingOn} ${c.measure}`;
    let due = dues.get(key);
    if (due === undefined) {
      due = intakeDue(norm, c, policy, calendar);
      dues.set(key, due);
    }
    return due;
  };
  for (const c of intake) {
    for (const norm of INTAKE_NORMS) {
      const due = dueOf(norm, c);
      if (due === null) continue;
      const done = c.doneOn[norm];
      const count = out[norm];
      if (done !== null && done <= peildatum) {
        if (done <= due) count.onTime++;
        else count.late++;
      } else if (peildatum > due) count.openOverdue++;
      else count.openInTime++;
    }
  }
  return out;
}

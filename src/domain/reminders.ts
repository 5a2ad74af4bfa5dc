import type { Calendar } from "./calendar.ts";
import type { Policy } from "./policy.ts";
import type { IsoDate } from "./types.ts";

// domain.md §5 "When reminders are sent". The owner's track (vooraf → vandaag → te_laat) only ever
// moves forward, and the PB's track is the single escalatie; together they make a missed sweep
// catch up with the one message that still makes sense and never send anything twice.

export const REMINDER_STAGES = ["vooraf", "vandaag", "te_laat", "escalatie"] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

export const OWNER_STAGES = ["vooraf", "vandaag", "te_laat"] as const satisfies readonly ReminderStage[];

export function sendDates(due: IsoDate, policy: Policy, calendar: Calendar): Record<ReminderStage, IsoDate> {
  const r = policy.reminders;
  return {
    vooraf: calendar.addWorkdays(due, -r.voorafWorkdays),
    vandaag: calendar.nextWorkingDay(due),
    te_laat: calendar.addWorkdays(due, r.teLaatWorkdays),
    escalatie: calendar.addWorkdays(due, r.escalatieWorkdays),
  };
}

/** The stages the sweep of `today` sends for one deadline: at most one owner stage, maybe escalatie. */
export function stagesDue(
  due: IsoDate,
  today: IsoDate,
  alreadySent: readonly ReminderStage[],
  policy: Policy,
  calendar: Calendar,
): ReminderStage[] {
  if (!calendar.isWorkingDay(today)) return [];
  const dates = sendDates(due, policy, calendar);
  const out: ReminderStage[] = [];
  let latest = -1;
  OWNER_STAGES.forEach((stage, i) => {
    if (dates[stage] <= today) latest = i;
  });
  const ownerStage = OWNER_STAGES[latest];
  if (ownerStage !== undefined && !OWNER_STAGES.slice(latest).some((s) => alreadySent.includes(s))) {
    out.push(ownerStage);
  }
  if (dates.escalatie <= today && !alreadySent.includes("escalatie")) out.push("escalatie");
  return out;
}

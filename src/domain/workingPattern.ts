import { getISODay } from "date-fns/getISODay";
import { parseISO } from "date-fns/parseISO";
import type { IsoDate } from "./types.ts";

// Who is at work on a day: the organisation's calendar says whether anyone is, a person's working
// days (part-time) and absences say whether she is. Reminders follow the person, not the office.

/** Dutch day abbreviations as a people CSV writes them, by ISO weekday (1 = Monday). */
export const WEEKDAY_CODES = ["ma", "di", "wo", "do", "vr", "za", "zo"] as const;
const FULL_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
export const ALL_WEEKDAYS = [1, 2, 3, 4, 5] as const;

export interface Absence {
  fromDay: IsoDate;
  toDay: IsoDate;
}

export interface WorkingPattern {
  workingDays: readonly number[];
  absences: readonly Absence[];
}

/** `ma di do` → [1, 2, 4]; null when a word is not a day (the caller names row and column). */
export function parseWorkingDays(text: string): number[] | null {
  const words = text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  const days = new Set<number>();
  for (const w of words) {
    const code = WEEKDAY_CODES.indexOf(w as (typeof WEEKDAY_CODES)[number]);
    const i = code >= 0 ? code : FULL_NAMES.indexOf(w);
    if (i < 0) return null;
    days.add(i + 1);
  }
  return [...days].sort((a, b) => a - b);
}

export const formatWorkingDays = (days: readonly number[]) => days.map((d) => WEEKDAY_CODES[d - 1]).join(" ");

export const isAbsent = (absences: readonly Absence[], day: IsoDate) =>
  absences.some((a) => a.fromDay <= day && day <= a.toDay);

/** Whether the person works on `day` (the organisation's own holidays are the calendar's business). */
export const worksOn = (p: WorkingPattern, day: IsoDate) =>
  p.workingDays.includes(getISODay(parseISO(day))) && !isAbsent(p.absences, day);

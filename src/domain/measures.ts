import { addMonths, dutchDate } from "./dates.ts";
import type { IsoDate, Measure } from "./types.ts";

// Statutory lengths of a measure (BW 1:257, 1:258): law, not organisation policy. A voorlopige OTS
// lasts at most 3 months; an OTS at most a year per period (it is extended per year).
const MAX_MONTHS: Partial<Record<Measure, { months: number; words: string }>> = {
  vots: { months: 3, words: "Een voorlopige OTS duurt hoogstens 3 maanden na de uitspraak" },
  ots: { months: 12, words: "Een OTS duurt hoogstens een jaar per periode na de uitspraak" },
};

/**
 * Refuses an end date beyond the measure's legal length, counted from the ruling (or, when the
 * ruling date is unknown, from receipt — later, so never stricter than the law). Dutch reason or null.
 */
export function measureEndProblem(
  measure: Measure,
  rulingOn: IsoDate | null,
  receivedOn: IsoDate,
  endDate: IsoDate | null,
): string | null {
  const rule = MAX_MONTHS[measure];
  if (!rule || endDate === null) return null;
  const start = rulingOn ?? receivedOn;
  const latest = addMonths(start, rule.months);
  return endDate > latest ? `${rule.words}: de einddatum ligt uiterlijk op ${dutchDate(latest)}.` : null;
}

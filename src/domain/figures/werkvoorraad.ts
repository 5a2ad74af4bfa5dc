import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { parseISO } from "date-fns/parseISO";
import { addDays, weekday } from "../dates.ts";
import type { IsoDate } from "../types.ts";

// The werkvoorraad (domain.md §1, §3): children without a vaste jeugdbeschermer, i.e. in phase
// ccp or crt. Its size on a date follows from the dated history of each case (case_events).

export interface WeekFigures {
  /** ISO week, e.g. "2026-W47". */
  week: string;
  /** Monday of the week. */
  from: IsoDate;
  inflow: number;
  /** Left the werkvoorraad to a regular team (terugstroom or assignment). */
  outflowRegulier: number;
  outflowClosed: number;
  /** Left the werkvoorraad otherwise (another team's werkvoorraad when filtered by team). */
  outflowOther: number;
  net: number;
  /** Size at the end of the week (or on the reference date, for its own week). */
  sizeAtEnd: number;
  /**
   * Median of the calendar days since receipt of the children on the werkvoorraad at the end of
   * the week (Sunday, or the reference date), the same measure as `waitingDays.median`; null when
   * none was waiting.
   */
  medianWaitingDays: number | null;
}

export const isoWeekOf = (d: IsoDate): string => {
  const date = parseISO(d);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, "0")}`;
};

export const mondayOf = (d: IsoDate): IsoDate => addDays(d, -((weekday(d) + 6) % 7));

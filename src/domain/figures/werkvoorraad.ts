import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { parseISO } from "date-fns/parseISO";
import { addDays, weekday } from "../dates.ts";
import type { IsoDate, Phase } from "../types.ts";

// The werkvoorraad (domain.md §1, §3): children without a vaste jeugdbeschermer, i.e. in phase
// ccp or crt. Its size on a date follows from the dated history of each case (case_events).

export const WERKVOORRAAD_PHASES: readonly Phase[] = ["ccp", "crt"];

export interface StateEvent {
  caseId: number;
  on: IsoDate;
  phase: Phase;
  teamId: number;
  ownerId: number | null;
}

/** Which states count: on the werkvoorraad, optionally of one team only. */
export type Membership = (e: StateEvent) => boolean;

export function werkvoorraadMember(teamId: number | null): Membership {
  return (e) => WERKVOORRAAD_PHASES.includes(e.phase) && (teamId === null || e.teamId === teamId);
}

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
}

export const isoWeekOf = (d: IsoDate): string => {
  const date = parseISO(d);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, "0")}`;
};

export const mondayOf = (d: IsoDate): IsoDate => addDays(d, -((weekday(d) + 6) % 7));

/**
 * Per ISO week, the `weeks` weeks up to and including the reference date's: what came in, what
 * went out and where to, and the size at the end of each week. `events` holds, per case, every
 * event up to the reference date, ordered by case, date and recording order.
 */
export function weeklySeries(
  events: readonly StateEvent[],
  member: Membership,
  peildatum: IsoDate,
  weeks: number,
): WeekFigures[] {
  const firstMonday = addDays(mondayOf(peildatum), -7 * (weeks - 1));
  const series: WeekFigures[] = Array.from({ length: weeks }, (_, i) => {
    const from = addDays(firstMonday, 7 * i);
    return {
      week: isoWeekOf(from),
      from,
      inflow: 0,
      outflowRegulier: 0,
      outflowClosed: 0,
      outflowOther: 0,
      net: 0,
      sizeAtEnd: 0,
    };
  });
  const bucket = (d: IsoDate) => series[Math.floor(daysFrom(firstMonday, d) / 7)];

  let size = 0;
  let previous: { caseId: number; inside: boolean } | null = null;
  // Several events of one case on one day: only the day's last state counts.
  const lastOfDay = events.filter(
    (e, i) => !(events[i + 1]?.caseId === e.caseId && events[i + 1]?.on === e.on),
  );
  for (const e of lastOfDay) {
    if (e.on > peildatum) continue;
    const wasInside = previous?.caseId === e.caseId ? previous.inside : false;
    const inside = member(e);
    previous = { caseId: e.caseId, inside };
    if (inside === wasInside) continue;
    size += inside ? 1 : -1;
    const week = e.on >= firstMonday ? bucket(e.on) : undefined;
    if (!week) continue;
    if (inside) week.inflow++;
    else if (e.phase === "regulier") week.outflowRegulier++;
    else if (e.phase === "afgesloten") week.outflowClosed++;
    else week.outflowOther++;
  }
  // Walk back from the size on the reference date.
  let atEnd = size;
  for (let i = series.length - 1; i >= 0; i--) {
    const w = series[i];
    if (!w) continue;
    w.net = w.inflow - w.outflowRegulier - w.outflowClosed - w.outflowOther;
    w.sizeAtEnd = atEnd;
    atEnd -= w.net;
  }
  return series;
}

/** Each case's last state on or before the reference date. */
export function statesAt(events: readonly StateEvent[], peildatum: IsoDate): Map<number, StateEvent> {
  const out = new Map<number, StateEvent>();
  for (const e of events) if (e.on <= peildatum) out.set(e.caseId, e);
  return out;
}

function daysFrom(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

import { TZDate } from "@date-fns/tz";
import type { IsoDate } from "./types.ts";

// Calendar-date arithmetic on "YYYY-MM-DD" strings. Every Date built here is pinned to UTC (or to
// Amsterdam for "today"), so the result never depends on the time zone of the process.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const ZONE = "Europe/Amsterdam";

function parts(d: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(d);
  if (!m) throw new RangeError(`geen geldige datum (JJJJ-MM-DD): ${d}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days since 1970-01-01; the common ground for day arithmetic and weekdays. */
function epochDay(d: IsoDate): number {
  const [y, m, day] = parts(d);
  return Date.UTC(y, m - 1, day) / DAY_MS;
}

function fromEpochDay(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function format(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Strict: the shape and a date that exists (no 2026-02-30, no 2026-13-01). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== "string") return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromEpochDay(epochDay(d) + n);
}

export function addWeeks(d: IsoDate, n: number): IsoDate {
  return addDays(d, 7 * n);
}

/** Clamps to the end of a shorter month: 31 January + 1 month = 28/29 February. */
export function addMonths(d: IsoDate, n: number): IsoDate {
  // Plain arithmetic, as date-fns' addMonths does it: a TZDate per call made the deadlines of a
  // 100,000-case import spend seconds in time-zone lookups (issue 15 item 11).
  const [y, m, day] = parts(d);
  const months = y * 12 + (m - 1) + n;
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return format(year, month, Math.min(day, last));
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function weekday(d: IsoDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function compareIso(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minIso(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((min, d) => (compareIso(d, min) < 0 ? d : min), first);
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return epochDay(b) - epochDay(a);
}

/** Whole weeks from a to b, truncated toward zero; negative when b is before a. */
export function weeksBetween(a: IsoDate, b: IsoDate): number {
  return Math.trunc(daysBetween(a, b) / 7);
}

/** The calendar date in the Netherlands at this instant: the rule book's "today". */
export function todayInAmsterdam(now: Date): IsoDate {
  const t = new TZDate(now.getTime(), ZONE);
  return format(t.getFullYear(), t.getMonth() + 1, t.getDate());
}

/** "2026-11-23" → "23-11-2026": the date as Dutch readers write it (house rule: no ISO in messages). */
export function dutchDate(d: IsoDate): string {
  const [y, m, day] = parts(d);
  return `${pad(day)}-${pad(m)}-${pad(y, 4)}`;
}

const MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/** "2026-01-05" → "5 jan": a short Dutch day and month, where a full date does not fit (chart axes). */
export function dutchDayMonth(d: IsoDate): string {
  const [, m, day] = parts(d);
  return `${day} ${MONTHS[m - 1]}`;
}

/** The instant a calendar day starts in the Netherlands, for comparing stored time stamps with days. */
export function amsterdamMidnight(d: IsoDate): Date {
  const [y, m, day] = parts(d);
  return new Date(new TZDate(y, m - 1, day, ZONE).getTime());
}

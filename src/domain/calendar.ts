import { addDays, weekday } from "./dates.ts";
import type { Policy } from "./policy.ts";
import type { IsoDate } from "./types.ts";

// Working days of domain.md §7. The staff calendar (Cao Jeugdzorg) is the default for process
// norms; the legal one (Algemene termijnenwet) adds Goede Vrijdag for court terms.

export interface Holiday {
  date: IsoDate;
  name: string;
}

export interface Calendar {
  isWorkingDay(d: IsoDate): boolean;
  /** Holidays and extra closing days of that year, in date order, with Dutch names. */
  holidaysOf(year: number): Holiday[];
  /** d itself when it is a working day. */
  nextWorkingDay(d: IsoDate): IsoDate;
  /** d itself when it is a working day. */
  previousWorkingDay(d: IsoDate): IsoDate;
  /** n > 0: the n-th working day after d (d not counted); n < 0: before d; 0: d. */
  addWorkdays(d: IsoDate, n: number): IsoDate;
}

export type CalendarPolicy = Pick<Policy, "calendar" | "extraHolidays">;

const pad = (n: number): string => String(n).padStart(2, "0");

/** Easter Sunday of the Gregorian calendar (anonymous computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function publicHolidays(year: number, legal: boolean): Holiday[] {
  const easter = easterSunday(year);
  const y = String(year).padStart(4, "0");
  // Koningsdag never falls on a Sunday: it moves to Saturday 26 April.
  const kingsDay = weekday(`${y}-04-27`) === 0 ? `${y}-04-26` : `${y}-04-27`;
  const list: Holiday[] = [
    { date: `${y}-01-01`, name: "Nieuwjaarsdag" },
    { date: addDays(easter, 1), name: "Tweede Paasdag" },
    { date: kingsDay, name: "Koningsdag" },
    { date: `${y}-05-05`, name: "Bevrijdingsdag" },
    { date: addDays(easter, 39), name: "Hemelvaartsdag" },
    { date: addDays(easter, 50), name: "Tweede Pinksterdag" },
    { date: `${y}-12-25`, name: "Eerste Kerstdag" },
    { date: `${y}-12-26`, name: "Tweede Kerstdag" },
  ];
  if (legal) list.push({ date: addDays(easter, -2), name: "Goede Vrijdag" });
  return list;
}

export function calendarFor(policy: CalendarPolicy): Calendar {
  const legal = policy.calendar === "legal";
  const extra = [...new Set(policy.extraHolidays)];
  // The sweep asks about many days of the same few years; each year is built once.
  const byYear = new Map<number, { list: Holiday[]; dates: Set<IsoDate> }>();

  function year(y: number) {
    let entry = byYear.get(y);
    if (!entry) {
      const list = publicHolidays(y, legal);
      const taken = new Set(list.map((h) => h.date));
      for (const d of extra) {
        if (Number(d.slice(0, 4)) === y && !taken.has(d)) list.push({ date: d, name: "Extra sluitingsdag" });
      }
      list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      entry = { list, dates: new Set(list.map((h) => h.date)) };
      byYear.set(y, entry);
    }
    return entry;
  }

  const isWorkingDay = (d: IsoDate): boolean => {
    const wd = weekday(d);
    return wd !== 0 && wd !== 6 && !year(Number(d.slice(0, 4))).dates.has(d);
  };

  const step = (d: IsoDate, direction: 1 | -1): IsoDate => {
    let cur = d;
    while (!isWorkingDay(cur)) cur = addDays(cur, direction);
    return cur;
  };

  return {
    isWorkingDay,
    holidaysOf: (y) => year(y).list.map((h) => ({ ...h })),
    nextWorkingDay: (d) => step(d, 1),
    previousWorkingDay: (d) => step(d, -1),
    addWorkdays(d, n) {
      const direction = n < 0 ? -1 : 1;
      let cur = d;
      for (let left = Math.abs(n); left > 0; ) {
        cur = addDays(cur, direction);
        if (isWorkingDay(cur)) left--;
      }
      return cur;
    },
  };
}

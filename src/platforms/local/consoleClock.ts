import { addDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { todayInAmsterdam } from "../../domain/dates.ts";
import type { IsoDate } from "../../domain/types.ts";

/**
 * The console's simulated day. A newcomer plays a week in minutes: once a date is chosen, every use
 * case the console drives sees that day as today (a contact on the simulated Tuesday is not "in de
 * toekomst"), while the time of day keeps running so records stay in order.
 */
export interface ConsoleClock {
  now(): Date;
  /** Makes `date` today for everything the console does, until another date is chosen. */
  setToday(date: IsoDate): void;
}

export function createConsoleClock(real: () => Date = () => new Date()): ConsoleClock {
  let shiftDays = 0;
  return {
    now: () => addDays(real(), shiftDays),
    setToday: (date) => {
      shiftDays = differenceInCalendarDays(parseISO(date), parseISO(todayInAmsterdam(real())));
    },
  };
}

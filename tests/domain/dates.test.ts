import { addMonths as addMonthsFns } from "date-fns";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addWeeks,
  compareIso,
  isIsoDate,
  minIso,
  todayInAmsterdam,
  weekday,
  weeksBetween,
} from "../../src/domain/dates.ts";

// Expected dates worked out on a calendar (python datetime / dateutil), not by this code. The suite
// is also run under TZ=America/Los_Angeles and TZ=Pacific/Auckland: nothing may shift.

describe("isIsoDate", () => {
  it.each(["2026-04-27", "2028-02-29", "2000-02-29", "2026-12-31", "2026-01-01"])("%s is a date", (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    "2026-02-29", // not a leap year
    "1900-02-29", // century, not a leap year
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-4-1",
    "20260427",
    "2026-04-27T00:00",
    " 2026-04-27",
    "",
    123,
    null,
    undefined,
  ])("%j is not", (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe("addDays / addWeeks", () => {
  it.each([
    ["2026-12-31", 1, "2027-01-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-03-28", 1, "2026-03-29"], // summer time starts in Europe on 29 March
    ["2026-03-07", 22, "2026-03-29"], // and in the USA on 8 March
    ["2026-10-24", 2, "2026-10-26"], // summer time ends 25 October
    ["2026-04-05", 0, "2026-04-05"],
  ] as const)("%s + %i days = %s", (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ["2026-03-16", 6, "2026-04-27"],
    ["2026-03-05", 8, "2026-04-30"],
    ["2026-07-28", -12, "2026-05-05"],
    ["2026-12-17", 3, "2027-01-07"],
  ] as const)("%s + %i weeks = %s", (d, n, expected) => {
    expect(addWeeks(d, n)).toBe(expected);
  });
});

describe("addMonths", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"], // leap year
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-09-25", 3, "2026-12-25"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-01-01", 12, "2027-01-01"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2026-05-31", -3, "2026-02-28"],
    ["2026-03-29", 1, "2026-04-29"], // a DST day as start
  ] as const)("%s + %i months = %s", (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });

  it("agrees with date-fns on every day of 2027-2028 and -25..25 months", () => {
    // The arithmetic replaced date-fns' addMonths (speed); date-fns stays the reference.
    const wrong: string[] = [];
    for (let day = addDays("2027-01-01", 0); day < "2029-01-01"; day = addDays(day, 1)) {
      const [y, m, d] = day.split("-").map(Number) as [number, number, number];
      for (let n = -25; n <= 25; n++) {
        // date-fns counts in the process's local time: build and read the date locally.
        const r = addMonthsFns(new Date(y, m - 1, d), n);
        const expected = `${r.getFullYear()}-${String(r.getMonth() + 1).padStart(2, "0")}-${String(r.getDate()).padStart(2, "0")}`;
        if (addMonths(day, n) !== expected) wrong.push(`${day}+${n}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("weekday", () => {
  it.each([
    ["1970-01-01", 4],
    ["2026-04-26", 0],
    ["2026-04-27", 1],
    ["2026-04-25", 6],
    ["2028-02-29", 2],
    ["1969-12-31", 3],
  ] as const)("%s → %i", (d, expected) => {
    expect(weekday(d)).toBe(expected);
  });
});

describe("compareIso / minIso", () => {
  it.each([
    ["2026-04-27", "2026-04-28", -1],
    ["2026-04-28", "2026-04-27", 1],
    ["2026-04-27", "2026-04-27", 0],
    ["2026-12-31", "2027-01-01", -1],
  ] as const)("%s vs %s → %i", (a, b, expected) => {
    expect(compareIso(a, b)).toBe(expected);
  });

  it("picks the earliest", () => {
    expect(minIso("2026-05-01")).toBe("2026-05-01");
    expect(minIso("2026-05-01", "2026-04-30", "2027-01-01")).toBe("2026-04-30");
    expect(minIso("2027-01-01", "2026-12-31")).toBe("2026-12-31");
  });
});

describe("weeksBetween", () => {
  it.each([
    ["2026-04-01", "2026-04-29", 4],
    ["2026-04-01", "2026-04-28", 3],
    ["2026-04-01", "2026-04-01", 0],
    ["2026-04-29", "2026-04-01", -4],
    ["2026-03-23", "2026-03-30", 1], // over the start of summer time
    ["2025-12-29", "2026-12-28", 52],
  ] as const)("%s → %s = %i weeks", (a, b, expected) => {
    expect(weeksBetween(a, b)).toBe(expected);
  });
});

describe("todayInAmsterdam", () => {
  it.each([
    ["2026-04-26T21:59:59Z", "2026-04-26"], // 23:59:59 summer time
    ["2026-04-26T22:00:00Z", "2026-04-27"], // 00:00 summer time
    ["2026-12-31T22:59:59Z", "2026-12-31"], // 23:59:59 winter time
    ["2026-12-31T23:00:00Z", "2027-01-01"],
    ["2026-03-28T22:59:59Z", "2026-03-28"], // night before summer time starts
    ["2026-03-28T23:00:00Z", "2026-03-29"],
    ["2026-10-24T21:59:59Z", "2026-10-24"], // night before summer time ends
    ["2026-10-24T22:00:00Z", "2026-10-25"],
    ["2026-10-25T22:59:59Z", "2026-10-25"],
    ["2026-10-25T23:00:00Z", "2026-10-26"],
    ["2028-02-28T23:30:00Z", "2028-02-29"],
  ])("%s → %s", (instant, expected) => {
    expect(todayInAmsterdam(new Date(instant))).toBe(expected);
  });
});

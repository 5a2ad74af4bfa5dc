import { describe, expect, it } from "vitest";
import { calendarFor, easterSunday } from "../../src/domain/calendar.ts";

// Expected dates worked out on a calendar (python datetime; Easter from dateutil.easter), not by
// this code.
const staff = calendarFor({ calendar: "staff", extraHolidays: [] });
const legal = calendarFor({ calendar: "legal", extraHolidays: [] });

describe("easterSunday", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2030, "2030-04-21"],
    [2031, "2031-04-13"],
    [2038, "2038-04-25"], // latest possible
    [1943, "1943-04-25"],
    [2285, "2285-03-22"], // earliest possible
    [1818, "1818-03-22"],
    [2008, "2008-03-23"],
  ] as const)("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  // dateutil.easter for 2000–2060.
  const table = [
    "2000-04-23",
    "2001-04-15",
    "2002-03-31",
    "2003-04-20",
    "2004-04-11",
    "2005-03-27",
    "2006-04-16",
    "2007-04-08",
    "2008-03-23",
    "2009-04-12",
    "2010-04-04",
    "2011-04-24",
    "2012-04-08",
    "2013-03-31",
    "2014-04-20",
    "2015-04-05",
    "2016-03-27",
    "2017-04-16",
    "2018-04-01",
    "2019-04-21",
    "2020-04-12",
    "2021-04-04",
    "2022-04-17",
    "2023-04-09",
    "2024-03-31",
    "2025-04-20",
    "2026-04-05",
    "2027-03-28",
    "2028-04-16",
    "2029-04-01",
    "2030-04-21",
    "2031-04-13",
    "2032-03-28",
    "2033-04-17",
    "2034-04-09",
    "2035-03-25",
    "2036-04-13",
    "2037-04-05",
    "2038-04-25",
    "2039-04-10",
    "2040-04-01",
    "2041-04-21",
    "2042-04-06",
    "2043-03-29",
    "2044-04-17",
    "2045-04-09",
    "2046-03-25",
    "2047-04-14",
    "2048-04-05",
    "2049-04-18",
    "2050-04-10",
    "2051-04-02",
    "2052-04-21",
    "2053-04-06",
    "2054-03-29",
    "2055-04-18",
    "2056-04-02",
    "2057-04-22",
    "2058-04-14",
    "2059-03-30",
    "2060-04-18",
  ];
  it("matches every year 2000–2060", () => {
    expect(table.map((_, i) => easterSunday(2000 + i))).toEqual(table);
  });
});

describe("holidaysOf", () => {
  it("lists the staff calendar of 2026 in date order", () => {
    expect(staff.holidaysOf(2026)).toEqual([
      { date: "2026-01-01", name: "Nieuwjaarsdag" },
      { date: "2026-04-06", name: "Tweede Paasdag" },
      { date: "2026-04-27", name: "Koningsdag" },
      { date: "2026-05-05", name: "Bevrijdingsdag" },
      { date: "2026-05-14", name: "Hemelvaartsdag" },
      { date: "2026-05-25", name: "Tweede Pinksterdag" },
      { date: "2026-12-25", name: "Eerste Kerstdag" },
      { date: "2026-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  it("adds Goede Vrijdag on the legal calendar only", () => {
    const dates = legal.holidaysOf(2026).map((h) => h.date);
    expect(dates).toContain("2026-04-03");
    expect(legal.holidaysOf(2026)).toContainEqual({ date: "2026-04-03", name: "Goede Vrijdag" });
    expect(dates).toHaveLength(9);
    expect(staff.holidaysOf(2026).map((h) => h.date)).not.toContain("2026-04-03");
  });

  it.each([
    [2014, "2014-04-26"], // 27 April was a Sunday
    [2025, "2025-04-26"],
    [2026, "2026-04-27"], // Monday
    [2027, "2027-04-27"],
    [2031, "2031-04-26"],
    [2036, "2036-04-26"],
  ] as const)("Koningsdag %i is %s", (year, expected) => {
    expect(staff.holidaysOf(year).find((h) => h.name === "Koningsdag")?.date).toBe(expected);
  });

  it.each([
    // year, Goede Vrijdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag
    [2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20"],
    [2025, "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09"],
    [2027, "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17"],
    [2028, "2028-04-14", "2028-04-17", "2028-05-25", "2028-06-05"],
    [2030, "2030-04-19", "2030-04-22", "2030-05-30", "2030-06-10"],
    [2031, "2031-04-11", "2031-04-14", "2031-05-22", "2031-06-02"],
    [2038, "2038-04-23", "2038-04-26", "2038-06-03", "2038-06-14"],
  ] as const)("Easter-based holidays of %i", (year, goedeVrijdag, paas, hemelvaart, pinkster) => {
    const byName = Object.fromEntries(legal.holidaysOf(year).map((h) => [h.name, h.date]));
    expect(byName).toMatchObject({
      "Goede Vrijdag": goedeVrijdag,
      "Tweede Paasdag": paas,
      Hemelvaartsdag: hemelvaart,
      "Tweede Pinksterdag": pinkster,
    });
    expect(staff.isWorkingDay(goedeVrijdag)).toBe(true);
    expect(legal.isWorkingDay(goedeVrijdag)).toBe(false);
    for (const d of [paas, hemelvaart, pinkster]) {
      expect(staff.isWorkingDay(d)).toBe(false);
      expect(legal.isWorkingDay(d)).toBe(false);
    }
  });

  it("returns copies: changing the answer does not change the calendar", () => {
    const cal = calendarFor({ calendar: "staff", extraHolidays: [] });
    const list = cal.holidaysOf(2026);
    list.length = 0;
    expect(cal.holidaysOf(2026)).toHaveLength(8);
    expect(cal.isWorkingDay("2026-04-27")).toBe(false);
  });
});

describe("isWorkingDay", () => {
  it.each([
    ["2026-04-27", false, false], // Koningsdag, Monday
    ["2026-04-28", true, true],
    ["2026-04-25", false, false], // Saturday
    ["2026-04-26", false, false], // Sunday
    ["2026-04-03", true, false], // Goede Vrijdag
    ["2026-04-06", false, false], // tweede Paasdag
    ["2026-05-05", false, false], // Bevrijdingsdag, every year
    ["2025-05-05", false, false],
    ["2026-05-14", false, false], // Hemelvaartsdag
    ["2026-05-15", true, true],
    ["2026-05-25", false, false], // tweede Pinksterdag
    ["2026-12-24", true, true],
    ["2026-12-25", false, false],
    ["2026-12-28", true, true],
    ["2026-12-31", true, true],
    ["2027-01-01", false, false],
    ["2027-01-04", true, true],
    ["2025-04-28", true, true], // Monday after Koningsdag on Saturday: no day off in lieu
    ["2028-02-29", true, true],
  ] as const)("%s: staff %s, legal %s", (d, staffDay, legalDay) => {
    expect(staff.isWorkingDay(d)).toBe(staffDay);
    expect(legal.isWorkingDay(d)).toBe(legalDay);
  });
});

describe("nextWorkingDay / previousWorkingDay", () => {
  it.each([
    ["2026-04-25", "2026-04-28", "2026-04-24"], // Saturday, Sunday, Koningsdag
    ["2026-04-27", "2026-04-28", "2026-04-24"],
    ["2026-12-25", "2026-12-28", "2026-12-24"],
    ["2027-01-01", "2027-01-04", "2026-12-31"],
    ["2026-02-28", "2026-03-02", "2026-02-27"],
    ["2026-05-05", "2026-05-06", "2026-05-04"],
    ["2026-04-28", "2026-04-28", "2026-04-28"], // a working day is itself
  ] as const)("staff %s → next %s, previous %s", (d, next, previous) => {
    expect(staff.nextWorkingDay(d)).toBe(next);
    expect(staff.previousWorkingDay(d)).toBe(previous);
  });

  it("moves over Goede Vrijdag only on the legal calendar", () => {
    expect(staff.nextWorkingDay("2026-04-03")).toBe("2026-04-03");
    expect(legal.nextWorkingDay("2026-04-03")).toBe("2026-04-07");
    expect(staff.previousWorkingDay("2026-04-06")).toBe("2026-04-03");
    expect(legal.previousWorkingDay("2026-04-06")).toBe("2026-04-02");
  });
});

describe("addWorkdays", () => {
  it.each([
    ["2026-12-23", 3, "2026-12-29"], // over Christmas
    ["2026-12-24", 5, "2027-01-04"], // over Christmas and Nieuwjaarsdag
    ["2027-01-04", -1, "2026-12-31"],
    ["2026-04-01", 5, "2026-04-09"], // over Easter (Goede Vrijdag counts on the staff calendar)
    ["2026-04-01", 14, "2026-04-22"],
    ["2026-04-20", 5, "2026-04-28"], // over Koningsdag
    ["2026-04-20", 14, "2026-05-12"], // over Koningsdag and Bevrijdingsdag
    ["2026-05-12", 3, "2026-05-18"], // over Hemelvaartsdag
    ["2026-05-13", 1, "2026-05-15"],
    ["2025-04-17", 3, "2025-04-23"], // Goede Vrijdag, tweede Paasdag 2025
    ["2025-04-30", 3, "2025-05-06"], // Bevrijdingsdag on a Monday
    ["2027-05-04", 2, "2027-05-10"], // Bevrijdingsdag and Hemelvaartsdag on consecutive days
    ["2028-04-26", 2, "2028-05-01"], // Koningsdag on a Thursday
    ["2026-04-25", 1, "2026-04-28"], // from a Saturday
    ["2026-04-28", -5, "2026-04-20"],
    ["2026-04-28", 0, "2026-04-28"],
    ["2026-04-26", 0, "2026-04-26"], // zero is no move, even on a Sunday
  ] as const)("staff %s + %i werkdagen = %s", (d, n, expected) => {
    expect(staff.addWorkdays(d, n)).toBe(expected);
  });

  it.each([
    ["2026-04-01", 5, "2026-04-10"],
    ["2025-04-17", 3, "2025-04-24"],
    ["2027-03-25", 3, "2027-04-01"],
  ] as const)("legal %s + %i werkdagen = %s", (d, n, expected) => {
    expect(legal.addWorkdays(d, n)).toBe(expected);
  });
});

describe("extraHolidays", () => {
  const cal = calendarFor({ calendar: "staff", extraHolidays: ["2026-12-31", "2026-04-27", "2027-05-07"] });

  it("closes the extra days and lists them once", () => {
    expect(cal.isWorkingDay("2026-12-31")).toBe(false);
    expect(cal.isWorkingDay("2027-05-07")).toBe(false);
    expect(cal.addWorkdays("2026-12-24", 5)).toBe("2027-01-05");
    const list = cal.holidaysOf(2026);
    expect(list).toHaveLength(9);
    expect(list.at(-1)).toEqual({ date: "2026-12-31", name: "Extra sluitingsdag" });
    expect(list.filter((h) => h.date === "2026-04-27")).toEqual([{ date: "2026-04-27", name: "Koningsdag" }]);
    expect(cal.holidaysOf(2027).map((h) => h.date)).toContain("2027-05-07");
  });
});

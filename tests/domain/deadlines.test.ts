import { describe, expect, it } from "vitest";
import { calendarFor } from "../../src/domain/calendar.ts";
import { type CaseFacts, type Deadline, isOverdue, openDeadlines } from "../../src/domain/deadlines.ts";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import type { DeadlineKind, IsoDate, Measure, Phase } from "../../src/domain/types.ts";

// Every expected date was worked out by hand on a calendar (python datetime), not by this code.
// 2026: tweede Paasdag Mon 6 April, Koningsdag Mon 27 April, Bevrijdingsdag Tue 5 May,
// Hemelvaartsdag Thu 14 May, tweede Pinksterdag Mon 25 May, Kerst Fri 25 / Sat 26 December.

const staff = calendarFor(DEFAULT_POLICY);

function facts(over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    measure: "ots",
    phase: "regulier",
    receivedOn: "2026-04-20",
    rulingOn: null,
    endDate: null,
    firstFaceToFaceContact: null,
    lastFaceToFaceContact: null,
    lastArij: null,
    contactFrequencyWeeks: null,
    plannedKernbesluit: null,
    concernsSince: null,
    milestonesDone: [],
    ...over,
  };
}

function withDeadlines(over: Partial<Policy["deadlines"]>): Policy {
  return { ...DEFAULT_POLICY, deadlines: { ...DEFAULT_POLICY.deadlines, ...over } };
}

const run = (f: Partial<CaseFacts>, policy: Policy = DEFAULT_POLICY): Deadline[] =>
  openDeadlines(facts(f), policy, calendarFor(policy));
const kinds = (f: Partial<CaseFacts>, policy?: Policy): DeadlineKind[] => run(f, policy).map((d) => d.kind);
const one = (kind: DeadlineKind, f: Partial<CaseFacts>, policy?: Policy): Deadline | undefined =>
  run(f, policy).find((d) => d.kind === kind);

describe("intake (aangemeld, ccp)", () => {
  it("a new OTS in aangemeld has the five intake deadlines, in order", () => {
    // received Mon 20 April 2026, no ruling yet
    expect(run({ phase: "aangemeld" })).toEqual([
      { kind: "triage", due: "2026-04-22", basis: "2 werkdagen na ontvangst op 2026-04-20" },
      // 5 werkdagen with Koningsdag skipped
      { kind: "eerste_contact", due: "2026-04-28", basis: "5 werkdagen na ontvangst op 2026-04-20" },
      // 14 werkdagen, skipping Koningsdag and Bevrijdingsdag
      { kind: "arij_mdo", due: "2026-05-12", basis: "14 werkdagen na ontvangst op 2026-04-20" },
      { kind: "plan_van_aanpak", due: "2026-06-01", basis: "6 weken na ontvangst op 2026-04-20" },
      { kind: "hulp", due: "2026-07-20", basis: "3 maanden na ontvangst op 2026-04-20" },
    ]);
  });

  it("from ccp on triage is done", () => {
    expect(kinds({ phase: "ccp" })).toEqual(["eerste_contact", "arij_mdo", "plan_van_aanpak", "hulp"]);
  });

  it("plan van aanpak and help start at the ruling; equal due dates keep the kind order", () => {
    // ruling Mon 16 March + 6 weeks = Koningsdag → Tue 28 April, the same day as eerste_contact
    expect(run({ phase: "ccp", rulingOn: "2026-03-16" })).toEqual([
      { kind: "eerste_contact", due: "2026-04-28", basis: "5 werkdagen na ontvangst op 2026-04-20" },
      { kind: "plan_van_aanpak", due: "2026-04-28", basis: "6 weken na uitspraak op 2026-03-16" },
      { kind: "arij_mdo", due: "2026-05-12", basis: "14 werkdagen na ontvangst op 2026-04-20" },
      { kind: "hulp", due: "2026-06-16", basis: "3 maanden na uitspraak op 2026-03-16" },
    ]);
  });

  it("over Easter: Goede Vrijdag counts on the staff calendar, not on the legal one", () => {
    const f = { phase: "aangemeld" as Phase, receivedOn: "2026-04-01" };
    expect(one("triage", f)?.due).toBe("2026-04-03");
    expect(one("eerste_contact", f)?.due).toBe("2026-04-09");
    expect(one("arij_mdo", f)?.due).toBe("2026-04-22");
    expect(one("plan_van_aanpak", f)?.due).toBe("2026-05-13");
    expect(one("hulp", f)?.due).toBe("2026-07-01");
    const legal: Policy = { ...DEFAULT_POLICY, calendar: "legal" };
    expect(one("triage", f, legal)?.due).toBe("2026-04-07");
    expect(one("eerste_contact", f, legal)?.due).toBe("2026-04-10");
  });

  it.each([
    ["ots", true],
    ["vots", true],
    ["jr", true],
    ["voogdij", false],
    ["vvoogdij", false],
  ] as const)("%s has a plan van aanpak: %s; help always", (measure: Measure, hasPlan) => {
    const k = kinds({ phase: "ccp", measure });
    expect(k.includes("plan_van_aanpak")).toBe(hasPlan);
    expect(k).toContain("hulp");
  });

  it("a face-to-face contact ends eerste_contact and starts the contact norm", () => {
    const f = {
      phase: "ccp" as Phase,
      firstFaceToFaceContact: "2026-04-22",
      lastFaceToFaceContact: "2026-04-24",
    };
    expect(kinds(f)).not.toContain("eerste_contact");
    // Fri 24 April + 3 months = Fri 24 July
    expect(one("contact", f)).toEqual({
      kind: "contact",
      due: "2026-07-24",
      basis: "3 maanden na laatste contact op 2026-04-24",
    });
  });

  it("an ARIJ ends arij_mdo and starts the yearly ARIJ", () => {
    const f = { phase: "ccp" as Phase, lastArij: "2026-04-23" };
    expect(kinds(f)).not.toContain("arij_mdo");
    expect(one("arij", f)).toEqual({
      kind: "arij",
      due: "2027-04-23",
      basis: "12 maanden na laatste ARIJ op 2026-04-23",
    });
  });

  it("marked milestones are done", () => {
    const f = {
      phase: "ccp" as Phase,
      firstFaceToFaceContact: "2026-04-22",
      lastFaceToFaceContact: "2026-04-22",
      lastArij: "2026-04-23",
      milestonesDone: [
        { kind: "plan_van_aanpak" as const, refDate: null },
        { kind: "hulp" as const, refDate: null },
      ],
    };
    expect(kinds(f)).toEqual(["contact", "arij"]);
  });

  it("the EPB has a due date only when the policy sets one", () => {
    expect(kinds({ phase: "ccp" })).not.toContain("epb");
    const policy = withDeadlines({ epbWeeks: 4 });
    // Mon 20 April + 4 weeks = Mon 18 May
    expect(one("epb", { phase: "ccp" }, policy)).toEqual({
      kind: "epb",
      due: "2026-05-18",
      basis: "4 weken na ontvangst op 2026-04-20",
    });
    expect(kinds({ phase: "ccp", milestonesDone: [{ kind: "epb", refDate: null }] }, policy)).not.toContain(
      "epb",
    );
  });

  it("numbers come from the policy", () => {
    const policy = withDeadlines({ triageWorkdays: 1, eersteContactWorkdays: 3, planVanAanpakWeeks: 1 });
    const f = { phase: "aangemeld" as Phase, receivedOn: "2026-04-24" }; // Friday before Koningsdag
    expect(one("triage", f, policy)).toEqual({
      kind: "triage",
      due: "2026-04-28",
      basis: "1 werkdag na ontvangst op 2026-04-24",
    });
    expect(one("eerste_contact", f, policy)?.due).toBe("2026-04-30");
    expect(one("plan_van_aanpak", f, policy)?.basis).toBe("1 week na ontvangst op 2026-04-24");
  });
});

describe("phases", () => {
  const base = {
    rulingOn: "2026-03-16",
    endDate: "2026-07-28",
  };

  it.each([
    ["aangemeld", ["triage", "eerste_contact", "plan_van_aanpak", "verlenging", "arij_mdo", "hulp"]],
    ["ccp", ["eerste_contact", "plan_van_aanpak", "verlenging", "arij_mdo", "hulp"]],
    ["regulier", ["verlenging", "contact", "arij"]],
    ["crt", ["verlenging", "contact", "arij"]],
    ["afgesloten", []],
  ] as const)("%s → %j", (phase, expected) => {
    expect(kinds({ ...base, phase })).toEqual(expected);
  });

  it("a closed case has nothing, whatever is late", () => {
    expect(
      run({ phase: "afgesloten", receivedOn: "2020-01-06", lastArij: "2020-01-06", endDate: "2020-12-31" }),
    ).toEqual([]);
  });

  it("outside intake the receipt date stands in for the missing contact and ARIJ", () => {
    // received Mon 2 June 2025, in the CRT without any contact or ARIJ
    expect(run({ phase: "crt", receivedOn: "2025-06-02" })).toEqual([
      {
        kind: "contact",
        due: "2025-09-02",
        basis: "3 maanden na ontvangst op 2025-06-02 (nog geen contact)",
      },
      { kind: "arij", due: "2026-06-02", basis: "12 maanden na ontvangst op 2025-06-02 (nog geen ARIJ)" },
    ]);
  });
});

describe("contact", () => {
  const crt = (last: IsoDate, freq: number | null) =>
    one("contact", {
      phase: "crt",
      lastFaceToFaceContact: last,
      firstFaceToFaceContact: last,
      contactFrequencyWeeks: freq,
    });

  it.each([
    // last contact, kernbeslissing weeks, due, which rule
    ["2026-03-05", null, "2026-06-05", "3 maanden na laatste contact op 2026-03-05"],
    ["2026-03-05", 6, "2026-04-16", "kernbeslissing: elke 6 weken, na laatste contact op 2026-03-05"],
    // 4 weeks beats 3 months; Mon 30 March + 4 weeks = Koningsdag → Tue 28 April
    ["2026-03-30", 4, "2026-04-28", "kernbeslissing: elke 4 weken, na laatste contact op 2026-03-30"],
    // 16 weeks (25 June) is less often than the minimum: 3 months (5 June) wins
    ["2026-03-05", 16, "2026-06-05", "3 maanden na laatste contact op 2026-03-05"],
    // 3 months = eerste Kerstdag (Friday) → Mon 28 December
    ["2026-09-25", null, "2026-12-28", "3 maanden na laatste contact op 2026-09-25"],
    // a tie after moving (13 weeks = tweede Paasdag, 3 months = Easter Sunday): the kernbeslissing is named
    ["2026-01-05", 13, "2026-04-07", "kernbeslissing: elke 13 weken, na laatste contact op 2026-01-05"],
    // a frequency of 0 is no frequency
    ["2026-03-05", 0, "2026-06-05", "3 maanden na laatste contact op 2026-03-05"],
  ] as const)("last %s, every %s weeks → %s", (last, freq, due, basis) => {
    expect(crt(last, freq)).toEqual({ kind: "contact", due, basis });
  });

  it.each([
    // 31 January + 1 month = 28 February 2026 (Saturday) → Monday 2 March
    ["2026-01-31", "2026-03-02"],
    // leap year: 29 February 2028 is a Tuesday
    ["2028-01-31", "2028-02-29"],
  ] as const)("with a 1-month norm, %s → %s", (last, due) => {
    const policy = withDeadlines({ contactMonths: 1 });
    expect(one("contact", { phase: "regulier", lastFaceToFaceContact: last }, policy)?.due).toBe(due);
  });
});

describe("arij", () => {
  const reg = (f: Partial<CaseFacts>) => one("arij", { phase: "regulier", ...f });

  it("yearly: 1 January + 1 year = Nieuwjaarsdag 2027 (Friday) → Mon 4 January", () => {
    expect(reg({ lastArij: "2026-01-01" })).toEqual({
      kind: "arij",
      due: "2027-01-04",
      basis: "12 maanden na laatste ARIJ op 2026-01-01",
    });
  });

  it("a kernbesluit exactly 8 weeks after the last ARIJ does not move it", () => {
    // Thu 5 March + 8 weeks = Thu 30 April
    expect(reg({ lastArij: "2026-03-05", plannedKernbesluit: "2026-04-30" })?.due).toBe("2027-03-05");
  });

  it("a kernbesluit 8 weeks and 1 day after the last ARIJ makes it due at the kernbesluit", () => {
    expect(reg({ lastArij: "2026-03-05", plannedKernbesluit: "2026-05-01" })).toEqual({
      kind: "arij",
      due: "2026-05-01",
      basis: "kernbesluit gepland op 2026-05-01; laatste ARIJ op 2026-03-05 is dan ouder dan 8 weken",
    });
  });

  // domain.md §5 (sharpened): the ARIJ must exist when the kernbesluit is taken, so a closed day
  // moves this deadline back to the last working day on or before the kernbesluit, never forward.
  it("a kernbesluit on a holiday makes the ARIJ due the working day before", () => {
    expect(reg({ lastArij: "2026-03-05", plannedKernbesluit: "2026-05-05" })?.due).toBe("2026-05-04");
  });

  it("a kernbesluit on Sunday 26 April 2026 (before Koningsdag) makes it due Friday 24 April", () => {
    expect(reg({ lastArij: "2026-01-05", plannedKernbesluit: "2026-04-26" })?.due).toBe("2026-04-24");
  });

  it("without an ARIJ outside intake the receipt date stands in at the kernbesluit too", () => {
    expect(reg({ receivedOn: "2026-01-05", plannedKernbesluit: "2026-04-01" })).toEqual({
      kind: "arij",
      due: "2026-04-01",
      basis:
        "kernbesluit gepland op 2026-04-01; nog geen ARIJ en ontvangst op 2026-01-05 is dan meer dan 8 weken geleden",
    });
  });

  it("new concerns make it due at once", () => {
    expect(reg({ lastArij: "2026-03-05", concernsSince: "2026-04-10" })).toEqual({
      kind: "arij",
      due: "2026-04-10",
      basis: "nieuwe zorgen gemeld op 2026-04-10",
    });
  });

  it("new concerns on a Saturday before Koningsdag → Tuesday 28 April", () => {
    expect(reg({ lastArij: "2026-03-05", concernsSince: "2026-04-25" })?.due).toBe("2026-04-28");
  });

  it("the earliest reason wins", () => {
    const f = { lastArij: "2026-03-05", plannedKernbesluit: "2026-05-01" };
    expect(reg({ ...f, concernsSince: "2026-04-10" })?.due).toBe("2026-04-10");
    expect(reg({ ...f, concernsSince: "2026-05-12" })?.due).toBe("2026-05-01");
  });

  it("concerns weighed in a later ARIJ change nothing", () => {
    expect(reg({ lastArij: "2026-04-10", concernsSince: "2026-04-10" })?.due).toBe("2027-04-12");
  });
});

describe("verlenging", () => {
  it.each([
    // end date, due: 12 weeks before, moved back to a working day
    ["2026-07-28", "2026-05-04"], // 5 May, Bevrijdingsdag → Mon 4 May
    ["2026-07-20", "2026-04-24"], // 27 April, Koningsdag → Fri 24 April
    ["2026-07-19", "2026-04-24"], // Sunday 26 April → Fri 24 April
    ["2027-03-20", "2026-12-24"], // Sat 26 December, then eerste Kerstdag → Thu 24 December
    ["2026-10-13", "2026-07-21"], // a working day stays
  ] as const)("OTS ending %s → %s", (endDate, due) => {
    expect(one("verlenging", { endDate })).toEqual({
      kind: "verlenging",
      due,
      basis: `12 weken voor einddatum ${endDate}`,
    });
  });

  it.each(["vots", "voogdij", "vvoogdij", "jr"] as const)("%s has none", (measure) => {
    expect(kinds({ measure, endDate: "2026-07-28" })).not.toContain("verlenging");
  });

  it("an OTS without an end date has none", () => {
    expect(kinds({ endDate: null })).not.toContain("verlenging");
  });

  it("is done for the end date it was marked for, and returns with a new end date", () => {
    const done = [{ kind: "verlenging" as const, refDate: "2026-07-28" }];
    expect(kinds({ endDate: "2026-07-28", milestonesDone: done })).not.toContain("verlenging");
    // extended by a year: Wed 28 July 2027 − 12 weeks = Wed 5 May 2027 (Bevrijdingsdag) → Tue 4 May
    expect(one("verlenging", { endDate: "2027-07-28", milestonesDone: done })?.due).toBe("2027-05-04");
  });
});

describe("isOverdue", () => {
  it.each([
    ["2026-04-27", "2026-04-26", false],
    ["2026-04-27", "2026-04-27", false],
    ["2026-04-27", "2026-04-28", true],
    ["2026-12-31", "2027-01-01", true],
    ["2027-01-04", "2026-12-31", false],
  ] as const)("due %s, today %s → %s", (due, today, expected) => {
    expect(isOverdue(due, today)).toBe(expected);
  });
});

describe("the calendar argument is the one used", () => {
  it("an extra closing day moves a due date", () => {
    const cal = calendarFor({ calendar: "staff", extraHolidays: ["2026-04-22"] });
    const d = openDeadlines(facts({ phase: "aangemeld" }), DEFAULT_POLICY, cal);
    expect(d.find((x) => x.kind === "triage")?.due).toBe("2026-04-23");
    expect(openDeadlines(facts({ phase: "aangemeld" }), DEFAULT_POLICY, staff)[0]?.due).toBe("2026-04-22");
  });
});

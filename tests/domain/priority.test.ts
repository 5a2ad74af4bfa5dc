import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import {
  classForScore,
  computePriority,
  effectiveClass,
  type PriorityFactor,
  type PriorityInput,
} from "../../src/domain/priority.ts";
import {
  isSustainingFactor,
  isUnderlyingProblem,
  SUSTAINING_FACTORS,
  UNDERLYING_PROBLEMS,
} from "../../src/domain/triageOptions.ts";

// Defaults: ARIJ hoog 40 / middelmatig 20 / laag 0 / onbekend 30; 6 per problem (max 30); 5 per
// sustaining factor (max 20); youngest ≤3: 20, ≤11: 10, ≤17: 5; help −10; 1 per week (max 20);
// B from 60, C from 35.
const W = DEFAULT_POLICY.priority;
const TODAY = "2025-06-01";

// Everything at zero points, so each test adds only what it is about.
const base: PriorityInput = {
  directUnsafe: false,
  unsafeCriteria: [],
  arijRisk: "laag",
  problems: [],
  sustainingFactors: [],
  birthYears: [],
  helpInPlace: false,
  waitingSince: TODAY,
  today: TODAY,
};

const run = (change: Partial<PriorityInput>, weights: Policy["priority"] = W) =>
  computePriority({ ...base, ...change }, weights);
const factor = (change: Partial<PriorityInput>, name: PriorityFactor["factor"], weights = W) => {
  const found = run(change, weights).factors.find((f) => f.factor === name);
  if (!found) throw new Error(`factor ${name} ontbreekt`);
  return found;
};

const problems = (n: number) => UNDERLYING_PROBLEMS.slice(0, n).map((p) => p.id);
const sustaining = (n: number) => SUSTAINING_FACTORS.slice(0, n).map((f) => f.id);

describe("computePriority: every factor is explained", () => {
  it("lists all seven factors, in a fixed order, even at 0 points", () => {
    const r = run({});
    expect(r.factors.map((f) => [f.factor, f.points])).toEqual([
      ["directe_onveiligheid", 0],
      ["arij", 0],
      ["problematiek", 0],
      ["instandhoudend", 0],
      ["leeftijd", 0],
      ["hulp", 0],
      ["wachttijd", 0],
    ]);
    expect(r.score).toBe(0);
    expect(r.priorityClass).toBe("D");
    for (const f of r.factors) {
      expect(f.label.length).toBeGreaterThan(0);
      expect(f.detail.length).toBeGreaterThan(0);
    }
  });

  it("a full case: score is the sum of the factors", () => {
    const r = run({
      arijRisk: "middelmatig", // 20
      problems: problems(3), // 18
      sustainingFactors: sustaining(2), // 10
      birthYears: [2015, 2019], // youngest 6 → 10
      helpInPlace: true, // −10
      waitingSince: "2025-04-01", // 61 days → 8 weeks → 8
    });
    expect(r.factors.map((f) => f.points)).toEqual([0, 20, 18, 10, 10, -10, 8]);
    expect(r.score).toBe(56);
    expect(r.priorityClass).toBe("C");
    expect(r.classReason).toBe("Klasse C (midden): score 56 is 35 of meer en lager dan 60.");
  });
});

describe("ARIJ", () => {
  it.each([
    ["hoog", 40, "hoog risico: 40"],
    ["middelmatig", 20, "middelmatig risico: 20"],
    ["laag", 0, "laag risico: 0"],
    [null, 30, "geen ARIJ, risico onbekend: 30"],
  ] as const)("%s → %i", (arijRisk, points, detail) => {
    expect(factor({ arijRisk }, "arij")).toMatchObject({ points, detail, label: "ARIJ-risico" });
  });
});

describe("onderliggende problematiek", () => {
  it.each([
    [0, 0, "0 problemen × 6, max 30"],
    [1, 6, "1 probleem × 6, max 30"],
    [3, 18, "3 problemen × 6, max 30"],
    [5, 30, "5 problemen × 6, max 30"],
    [6, 30, "6 problemen × 6, max 30"],
    [10, 30, "10 problemen × 6, max 30"],
  ])("%i problems → %i", (n, points, detail) => {
    expect(factor({ problems: problems(n) }, "problematiek")).toMatchObject({ points, detail });
  });

  it("counts a problem chosen twice once", () => {
    expect(factor({ problems: ["schulden", "schulden"] }, "problematiek").points).toBe(6);
  });
});

describe("in stand houdende factoren", () => {
  it.each([
    [0, 0, "0 factoren × 5, max 20"],
    [1, 5, "1 factor × 5, max 20"],
    [4, 20, "4 factoren × 5, max 20"],
    [5, 20, "5 factoren × 5, max 20"],
    [7, 20, "7 factoren × 5, max 20"],
  ])("%i factors → %i", (n, points, detail) => {
    expect(factor({ sustainingFactors: sustaining(n) }, "instandhoudend")).toMatchObject({ points, detail });
  });
});

describe("leeftijd jongste kind (today is 2025)", () => {
  it.each([
    [[2025], 20, "0 jaar (t/m 3 jaar): 20"],
    [[2022], 20, "3 jaar (t/m 3 jaar): 20"],
    [[2021], 10, "4 jaar (t/m 11 jaar): 10"],
    [[2014], 10, "11 jaar (t/m 11 jaar): 10"],
    [[2013], 5, "12 jaar (t/m 17 jaar): 5"],
    [[2008], 5, "17 jaar (t/m 17 jaar): 5"],
    [[2007], 0, "18 jaar: boven alle leeftijdsgrenzen, 0"],
    [[2008, 2020, 2012], 10, "5 jaar (t/m 11 jaar): 10"],
    [[2026], 20, "0 jaar (t/m 3 jaar): 20"],
  ])("birth years %j → %i", (birthYears, points, detail) => {
    expect(factor({ birthYears }, "leeftijd")).toMatchObject({ points, detail });
  });

  it("no birth years: 0 points, and the detail says they are unknown", () => {
    expect(factor({ birthYears: [] }, "leeftijd")).toEqual({
      factor: "leeftijd",
      label: "Leeftijd jongste kind",
      detail: "geboortejaren onbekend: 0",
      points: 0,
    });
  });

  it("uses only the year of today: 31 December and 1 January of the same birth year differ by a year", () => {
    expect(
      factor({ birthYears: [2021], today: "2024-12-31", waitingSince: "2024-12-31" }, "leeftijd").points,
    ).toBe(20);
    expect(
      factor({ birthYears: [2021], today: "2025-01-01", waitingSince: "2025-01-01" }, "leeftijd").points,
    ).toBe(10);
  });
});

describe("reeds aanwezige hulpverlening", () => {
  it("help in place lowers the score", () => {
    expect(factor({ helpInPlace: true }, "hulp")).toMatchObject({
      points: -10,
      detail: "hulp aanwezig: -10",
    });
    expect(factor({ helpInPlace: false }, "hulp")).toMatchObject({ points: 0, detail: "geen hulp aanwezig" });
    const without = run({ arijRisk: "hoog", birthYears: [2025] });
    const withHelp = run({ arijRisk: "hoog", birthYears: [2025], helpInPlace: true });
    expect([without.score, without.priorityClass]).toEqual([60, "B"]);
    expect([withHelp.score, withHelp.priorityClass]).toEqual([50, "C"]);
  });

  it("the score never goes below 0", () => {
    const r = run({ helpInPlace: true });
    expect(r.factors.find((f) => f.factor === "hulp")?.points).toBe(-10);
    expect(r.score).toBe(0);
  });
});

describe("wachttijd (whole weeks since waitingSince)", () => {
  it.each([
    ["2025-06-01", 0, "0 weken × 1, max 20"],
    ["2025-05-26", 0, "0 weken × 1, max 20"], // 6 days
    ["2025-05-25", 1, "1 week × 1, max 20"], // 7 days
    ["2025-04-01", 8, "8 weken × 1, max 20"], // 61 days
    ["2025-01-12", 20, "20 weken × 1, max 20"], // 140 days
    ["2024-06-01", 20, "52 weken × 1, max 20"], // capped
    ["2025-06-10", 0, "0 weken × 1, max 20"], // received after today: no negative waiting
  ])("since %s → %i", (waitingSince, points, detail) => {
    expect(factor({ waitingSince }, "wachttijd")).toMatchObject({ points, detail });
  });

  it("counts calendar days across the switch to summer time", () => {
    expect(factor({ waitingSince: "2025-03-23", today: "2025-03-30" }, "wachttijd").points).toBe(1);
  });
});

describe("class boundaries", () => {
  it.each([
    [{ arijRisk: "hoog", birthYears: [2025] }, 60, "B"], // 40 + 20
    [{ arijRisk: "hoog", problems: problems(3), waitingSince: "2025-05-25" }, 59, "C"], // 40 + 18 + 1
    [{ arijRisk: null, sustainingFactors: sustaining(1) }, 35, "C"], // 30 + 5
    [{ arijRisk: null, waitingSince: "2025-05-04" }, 34, "D"], // 30 + 4 weeks
  ] as [Partial<PriorityInput>, number, string][])("%j → score %i, class %s", (change, score, cls) => {
    const r = run(change);
    expect(r.score).toBe(score);
    expect(r.priorityClass).toBe(cls);
  });

  it("explains the class by the boundary", () => {
    expect(run({ arijRisk: "hoog", birthYears: [2025] }).classReason).toBe(
      "Klasse B (hoog): score 60 is 60 of meer.",
    );
    expect(run({ arijRisk: null, waitingSince: "2025-05-04" }).classReason).toBe(
      "Klasse D (laag): score 34 is lager dan 35.",
    );
  });

  it("classForScore gives B, C or D only", () => {
    expect(classForScore(1000, W)).toBe("B");
    expect(classForScore(60, W)).toBe("B");
    expect(classForScore(59, W)).toBe("C");
    expect(classForScore(35, W)).toBe("C");
    expect(classForScore(34, W)).toBe("D");
    expect(classForScore(0, W)).toBe("D");
  });
});

describe("class A: directe kind-onveiligheid", () => {
  it("is class A regardless of a zero score, and names the criteria", () => {
    const r = run({
      directUnsafe: true,
      unsafeCriteria: ["fysiek_geweld", "situatie_onbekend"],
      helpInPlace: true,
    });
    expect(r.priorityClass).toBe("A");
    expect(r.score).toBe(0);
    expect(r.classReason).toBe(
      "Klasse A: directe kind-onveiligheid: (Acute dreiging van) fysiek geweld; Geen rapportage, geen zittingsverslag, geen taxatie mogelijk. Dit gaat voor de score (0).",
    );
    expect(r.factors[0]).toEqual({
      factor: "directe_onveiligheid",
      label: "Directe kind-onveiligheid",
      detail: "ja (2 criteria): bepaalt klasse A",
      points: 0,
    });
  });

  it("keeps the score, so A cases can still be ordered among themselves", () => {
    const r = run({
      directUnsafe: true,
      unsafeCriteria: ["huiselijk_geweld"],
      arijRisk: "hoog",
      birthYears: [2025],
    });
    expect([r.priorityClass, r.score]).toEqual(["A", 60]);
    expect(r.factors[0]?.detail).toBe("ja (1 criterium): bepaalt klasse A");
  });

  it("a high score without unsafety is B, never A", () => {
    const r = run({
      arijRisk: "hoog",
      problems: problems(5),
      sustainingFactors: sustaining(4),
      birthYears: [2024],
    });
    expect([r.score, r.priorityClass]).toEqual([110, "B"]);
    expect(r.factors[0]?.detail).toBe("nee");
  });
});

describe("custom weights (policy) change the outcome", () => {
  it("other boundaries", () => {
    const input = { arijRisk: "hoog", birthYears: [2025], helpInPlace: true } as const; // 50
    expect(run(input).priorityClass).toBe("C");
    expect(run(input, { ...W, classB: 50 }).priorityClass).toBe("B");
    expect(run(input, { ...W, classB: 80, classC: 51 }).priorityClass).toBe("D");
  });

  it("other points per factor", () => {
    const w: Policy["priority"] = {
      ...W,
      arij: { hoog: 10, middelmatig: 5, laag: 1, onbekend: 50 },
      perProblem: 10,
      problemsMax: 15,
      perSustainingFactor: 3,
      sustainingFactorsMax: 100,
      youngestChildAge: [{ maxAge: 5, points: 7 }],
      helpInPlace: -25,
      perWeekWaiting: 3,
      waitingMax: 10,
    };
    const r = run(
      {
        arijRisk: null,
        problems: problems(2),
        sustainingFactors: sustaining(7),
        birthYears: [2020],
        waitingSince: "2025-05-18",
      },
      w,
    );
    // onbekend 50; 2 × 10 capped at 15; 7 × 3 = 21; age 5 → 7; 2 weeks × 3 = 6
    expect(r.factors.map((f) => f.points)).toEqual([0, 50, 15, 21, 7, 0, 6]);
    expect(r.score).toBe(99);
    expect(r.factors.find((f) => f.factor === "problematiek")?.detail).toBe("2 problemen × 10, max 15");
    expect(factor({ birthYears: [2019] }, "leeftijd", w)).toMatchObject({
      points: 0,
      detail: "6 jaar: boven alle leeftijdsgrenzen, 0",
    });
    expect(factor({ helpInPlace: true }, "hulp", w).points).toBe(-25);
  });
});

describe("effectiveClass", () => {
  it("an override wins; without one the computed class stands", () => {
    expect(effectiveClass("D", "A")).toBe("A");
    expect(effectiveClass("A", "C")).toBe("C");
    expect(effectiveClass("B", null)).toBe("B");
  });
});

// The lists feed the problematiek and instandhoudend factors; they are checkbox options.
describe("triage options", () => {
  it("have unique ids and labels of at most 75 characters", () => {
    for (const list of [UNDERLYING_PROBLEMS, SUSTAINING_FACTORS]) {
      expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
      for (const o of list) expect(o.label.length, o.id).toBeLessThanOrEqual(75);
    }
    expect(UNDERLYING_PROBLEMS).toHaveLength(10);
    expect(SUSTAINING_FACTORS).toHaveLength(7);
  });

  it("type guards accept only their own list", () => {
    expect(isUnderlyingProblem("schulden")).toBe(true);
    expect(isUnderlyingProblem("sociaal_isolement")).toBe(false);
    expect(isSustainingFactor("sociaal_isolement")).toBe(true);
    expect(isSustainingFactor("schulden")).toBe(false);
    expect(isUnderlyingProblem("")).toBe(false);
  });
});

import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { checkDirectUnsafety } from "./bijlage1.ts";
import type { Policy } from "./policy.ts";
import type { IsoDate, PriorityClass, RiskLevel } from "./types.ts";

// The assistant proposes, people decide (domain.md §4): every factor is listed with its points, also
// when it adds nothing, so a praktijkbegeleider can see why a case is where it is and override it.

export type PriorityWeights = Policy["priority"];

export interface PriorityInput {
  directUnsafe: boolean;
  unsafeCriteria: readonly string[];
  arijRisk: RiskLevel | null;
  problems: readonly string[];
  sustainingFactors: readonly string[];
  birthYears: readonly number[];
  helpInPlace: boolean;
  waitingSince: IsoDate;
  today: IsoDate;
}

export interface PriorityFactor {
  factor:
    | "directe_onveiligheid"
    | "arij"
    | "problematiek"
    | "instandhoudend"
    | "leeftijd"
    | "hulp"
    | "wachttijd";
  label: string;
  detail: string;
  points: number;
}

export interface PriorityResult {
  priorityClass: PriorityClass;
  score: number;
  factors: PriorityFactor[];
  classReason: string;
}

const ARIJ_LABEL: Record<RiskLevel, string> = {
  laag: "laag risico",
  middelmatig: "middelmatig risico",
  hoog: "hoog risico",
};

export function computePriority(input: PriorityInput, weights: PriorityWeights): PriorityResult {
  const unsafeLabels = checkDirectUnsafety(input.unsafeCriteria).criteria.map((c) => c.label);
  const factors: PriorityFactor[] = [
    unsafetyFactor(input.directUnsafe, unsafeLabels),
    arijFactor(input.arijRisk, weights),
    countFactor(
      "problematiek",
      "Onderliggende problematiek",
      new Set(input.problems).size,
      ["probleem", "problemen"],
      weights.perProblem,
      weights.problemsMax,
    ),
    countFactor(
      "instandhoudend",
      "In stand houdende factoren",
      new Set(input.sustainingFactors).size,
      ["factor", "factoren"],
      weights.perSustainingFactor,
      weights.sustainingFactorsMax,
    ),
    ageFactor(input.birthYears, input.today, weights),
    {
      factor: "hulp",
      label: "Reeds aanwezige hulpverlening",
      detail: input.helpInPlace ? `hulp aanwezig: ${weights.helpInPlace}` : "geen hulp aanwezig",
      points: input.helpInPlace ? weights.helpInPlace : 0,
    },
    waitingFactor(input.waitingSince, input.today, weights),
  ];
  const score = Math.max(
    0,
    factors.reduce((sum, f) => sum + f.points, 0),
  );
  if (input.directUnsafe) {
    const named = unsafeLabels.length > 0 ? `: ${unsafeLabels.join("; ")}` : "";
    return {
      priorityClass: "A",
      score,
      factors,
      classReason: `Klasse A: directe kind-onveiligheid${named}. Dit gaat voor de score (${score}).`,
    };
  }
  const priorityClass = classForScore(score, weights);
  return { priorityClass, score, factors, classReason: scoreReason(priorityClass, score, weights) };
}

/** Class by score alone; class A is never a matter of points but of directe kind-onveiligheid. */
export function classForScore(
  score: number,
  weights: Pick<PriorityWeights, "classB" | "classC">,
): "B" | "C" | "D" {
  if (score >= weights.classB) return "B";
  if (score >= weights.classC) return "C";
  return "D";
}

/** A praktijkbegeleider's override wins over the computed class. */
export function effectiveClass(computed: PriorityClass, override: PriorityClass | null): PriorityClass {
  return override ?? computed;
}

function scoreReason(cls: "B" | "C" | "D", score: number, w: PriorityWeights): string {
  if (cls === "B") return `Klasse B (hoog): score ${score} is ${w.classB} of meer.`;
  if (cls === "C")
    return `Klasse C (midden): score ${score} is ${w.classC} of meer en lager dan ${w.classB}.`;
  return `Klasse D (laag): score ${score} is lager dan ${w.classC}.`;
}

function unsafetyFactor(directUnsafe: boolean, labels: readonly string[]): PriorityFactor {
  // No points: unsafety decides the class outright, adding points would only blur the other factors.
  const detail = !directUnsafe
    ? "nee"
    : labels.length > 0
      ? `ja (${labels.length === 1 ? "1 criterium" : `${labels.length} criteria`}): bepaalt klasse A`
      : "ja: bepaalt klasse A";
  return { factor: "directe_onveiligheid", label: "Directe kind-onveiligheid", detail, points: 0 };
}

function arijFactor(risk: RiskLevel | null, w: PriorityWeights): PriorityFactor {
  const points = risk === null ? w.arij.onbekend : w.arij[risk];
  const what = risk === null ? "geen ARIJ, risico onbekend" : ARIJ_LABEL[risk];
  return { factor: "arij", label: "ARIJ-risico", detail: `${what}: ${points}`, points };
}

function countFactor(
  factor: "problematiek" | "instandhoudend",
  label: string,
  count: number,
  [one, many]: [string, string],
  per: number,
  max: number,
): PriorityFactor {
  const points = Math.min(count * per, max);
  return { factor, label, detail: `${count} ${count === 1 ? one : many} × ${per}, max ${max}`, points };
}

function ageFactor(birthYears: readonly number[], today: IsoDate, w: PriorityWeights): PriorityFactor {
  const label = "Leeftijd jongste kind";
  if (birthYears.length === 0) {
    return { factor: "leeftijd", label, detail: "geboortejaren onbekend: 0", points: 0 };
  }
  // A birth year after this year can only be an expected child: count it as the youngest, age 0.
  const age = Math.max(0, Number(today.slice(0, 4)) - Math.max(...birthYears));
  const band = w.youngestChildAge.find((b) => age <= b.maxAge);
  const years = `${age} jaar`;
  if (!band)
    return { factor: "leeftijd", label, detail: `${years}: boven alle leeftijdsgrenzen, 0`, points: 0 };
  return {
    factor: "leeftijd",
    label,
    detail: `${years} (t/m ${band.maxAge} jaar): ${band.points}`,
    points: band.points,
  };
}

function waitingFactor(since: IsoDate, today: IsoDate, w: PriorityWeights): PriorityFactor {
  const weeks = Math.max(0, Math.floor(differenceInCalendarDays(parseISO(today), parseISO(since)) / 7));
  const points = Math.min(weeks * w.perWeekWaiting, w.waitingMax);
  return {
    factor: "wachttijd",
    label: "Wachttijd",
    detail: `${weeks} ${weeks === 1 ? "week" : "weken"} × ${w.perWeekWaiting}, max ${w.waitingMax}`,
    points,
  };
}

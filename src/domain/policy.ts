import { z } from "zod";
import { isIsoDate } from "./dates.ts";
import { DEFAULT_ZAAKNUMMER_PATTERN } from "./privacy.ts";

// Every number of the rule book that is an organisation's own policy lives here, with the default
// of domain.md. An organisation overrides any part with a JSON file (ZICHT_POLICY_FILE); the file
// is merged over these defaults and validated at start.

const isoDate = z.string().refine(isIsoDate, "een bestaande datum als JJJJ-MM-DD");
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);

const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, "geen geldige reguliere expressie");

export const policySchema = z.strictObject({
  /** "staff" = Cao Jeugdzorg holidays; "legal" = Algemene termijnenwet (adds Goede Vrijdag). */
  calendar: z.enum(["staff", "legal"]),
  /** Extra closing days of the organisation, e.g. a collective day off. */
  extraHolidays: z.array(isoDate),
  deadlines: z.strictObject({
    triageWorkdays: positiveInt,
    eersteContactWorkdays: positiveInt,
    arijMdoWorkdays: positiveInt,
    /** The EPB has no own due date unless the organisation sets one (weeks after ruling/receipt). */
    epbWeeks: positiveInt.nullable(),
    planVanAanpakWeeks: positiveInt,
    hulpMonths: positiveInt,
    contactMonths: positiveInt,
    arijMonths: positiveInt,
    arijMaxWeeksBeforeKernbesluit: positiveInt,
    /** The highest minimum contact frequency a kernbeslissing may set: never looser than contactMonths. */
    contactFrequencyMaxWeeks: positiveInt,
    /** A kernbeslissing older than this no longer opens the CRT: it must be current at the handover. */
    kernbeslissingMaxWeeksForCrt: positiveInt,
    verlengingWeeksBefore: positiveInt,
  }),
  reminders: z.strictObject({
    voorafWorkdays: positiveInt,
    teLaatWorkdays: positiveInt,
    escalatieWorkdays: positiveInt,
    /** How far ahead "herinneringen" lists a person's deadlines. */
    listWorkdaysAhead: positiveInt,
  }),
  /** Caseload norm in measures per FTE, by kind of team. */
  caseloadNorm: z.strictObject({
    regulier: z.number().positive(),
    ccp: z.number().positive(),
    crt: z.number().positive(),
  }),
  digest: z.strictObject({
    /** Cases shown in the digest's list; the rest is counted with a pointer to /zicht werkvoorraad. */
    listLength: positiveInt,
    /** At most this many capacity-based terugstroom proposals per digest. */
    terugstroomCapacityMax: positiveInt,
  }),
  priority: z.strictObject({
    arij: z.strictObject({
      hoog: nonNegativeInt,
      middelmatig: nonNegativeInt,
      laag: nonNegativeInt,
      /** No ARIJ at all: the risk is unknown, which is itself a reason for attention. */
      onbekend: nonNegativeInt,
    }),
    perProblem: nonNegativeInt,
    problemsMax: nonNegativeInt,
    perSustainingFactor: nonNegativeInt,
    sustainingFactorsMax: nonNegativeInt,
    /** Points by the age of the youngest child; the first band whose maxAge fits applies. */
    youngestChildAge: z.array(z.strictObject({ maxAge: nonNegativeInt, points: nonNegativeInt })).min(1),
    /** Help already in place lowers urgency: a negative contribution. */
    helpInPlace: z.number().int().max(0),
    perWeekWaiting: nonNegativeInt,
    waitingMax: nonNegativeInt,
    /** Lowest score for class B and for class C; below C is D. Class A is directe kind-onveiligheid. */
    classB: nonNegativeInt,
    classC: nonNegativeInt,
  }),
  /** Dates typed in any field: none before `earliest`, none more than `yearsAhead` after today. */
  inputDates: z.strictObject({ earliest: isoDate, yearsAhead: positiveInt }),
  privacy: z.strictObject({
    /** The organisation's zaaknummer format; the 11-proef and no-digit refusals apply on top. */
    zaaknummerPattern: regexSource,
    /** Closed cases are deleted with all their events this many months after closing. */
    caseRetentionMonths: positiveInt,
    /** Audit rows keep their zaaknummers this many years; then they are replaced by a keyed hash. */
    auditRetentionYears: positiveInt,
  }),
});

export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = {
  calendar: "staff",
  extraHolidays: [],
  deadlines: {
    triageWorkdays: 2,
    eersteContactWorkdays: 5,
    arijMdoWorkdays: 14,
    epbWeeks: null,
    planVanAanpakWeeks: 6,
    hulpMonths: 3,
    contactMonths: 3,
    arijMonths: 12,
    arijMaxWeeksBeforeKernbesluit: 8,
    contactFrequencyMaxWeeks: 13,
    kernbeslissingMaxWeeksForCrt: 8,
    verlengingWeeksBefore: 12,
  },
  reminders: { voorafWorkdays: 5, teLaatWorkdays: 1, escalatieWorkdays: 5, listWorkdaysAhead: 5 },
  caseloadNorm: { regulier: 15, ccp: 15, crt: 18 },
  digest: { listLength: 20, terugstroomCapacityMax: 10 },
  priority: {
    arij: { hoog: 40, middelmatig: 20, laag: 0, onbekend: 30 },
    perProblem: 6,
    problemsMax: 30,
    perSustainingFactor: 5,
    sustainingFactorsMax: 20,
    youngestChildAge: [
      { maxAge: 3, points: 20 },
      { maxAge: 11, points: 10 },
      { maxAge: 17, points: 5 },
    ],
    helpInPlace: -10,
    perWeekWaiting: 1,
    waitingMax: 20,
    classB: 60,
    classC: 35,
  },
  // Zicht started long after 2000; a later end of a measure than five years is a typing error.
  inputDates: { earliest: "2000-01-01", yearsAhead: 5 },
  privacy: {
    zaaknummerPattern: DEFAULT_ZAAKNUMMER_PATTERN,
    caseRetentionMonths: 6,
    auditRetentionYears: 5,
  },
};

type DeepPartial<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function merge<T>(base: T, override: DeepPartial<T> | undefined): T {
  if (override === undefined || override === null) return base;
  if (typeof base !== "object" || base === null || Array.isArray(base)) return override as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override as Record<string, unknown>)) {
    out[key] = merge((base as Record<string, unknown>)[key], value as never);
  }
  return out as T;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

/** Merges an organisation's overrides over the defaults and validates the result. */
export function resolvePolicy(overrides: unknown): PolicyResult {
  if (
    overrides !== undefined &&
    (typeof overrides !== "object" || overrides === null || Array.isArray(overrides))
  ) {
    return { ok: false, errors: ["het beleidsbestand moet een JSON-object zijn"] };
  }
  const parsed = policySchema.safeParse(merge(DEFAULT_POLICY, overrides as DeepPartial<Policy>));
  if (parsed.success) {
    if (parsed.data.priority.classC > parsed.data.priority.classB) {
      return { ok: false, errors: ["priority.classC mag niet hoger zijn dan priority.classB"] };
    }
    const d = parsed.data.deadlines;
    // 13 weeks is the last whole number of weeks within 3 months; a frequency may only tighten.
    if (d.contactFrequencyMaxWeeks * 7 > d.contactMonths * 31) {
      return {
        ok: false,
        errors: ["deadlines.contactFrequencyMaxWeeks mag niet ruimer zijn dan deadlines.contactMonths"],
      };
    }
    return { ok: true, policy: parsed.data };
  }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(bestand)"}: ${issue.message}`),
  };
}

import { z } from "zod";
import { dutchDate, isIsoDate } from "../domain/dates.ts";
import { checkNote, checkZaaknummer, DEFAULT_ZAAKNUMMER_PATTERN, privacyMessage } from "../domain/privacy.ts";
import {
  ARIJ_REASONS,
  CONTACT_KINDS,
  MARKABLE_MILESTONES,
  MEASURES,
  PHASES,
  PRIORITY_CLASSES,
  RISK_LEVELS,
} from "../domain/types.ts";

// Field schemas shared by the use cases, with the Dutch message a person sees at the field.

/** What a parse checks against that is the organisation's policy or depends on today. */
export interface InputScope {
  zaaknummerPattern: string;
  /** The window for every typed date, both ends included. */
  dates: { earliest: string; latest: string };
}

// Policy is per organisation and "today" is the context's clock, but a zod schema is a module-level
// constant; zod parses synchronously, so parseInput sets the scope for the length of one parse (a
// dynamic scope) and nothing can interleave with it.
let active: InputScope = {
  zaaknummerPattern: DEFAULT_ZAAKNUMMER_PATTERN,
  dates: { earliest: "2000-01-01", latest: "9999-12-31" },
};

/** Runs a synchronous parse with the organisation's scope in force. */
export function withInputScope<T>(scope: Partial<InputScope>, parse: () => T): T {
  const previous = active;
  active = { ...active, ...scope };
  try {
    return parse();
  } finally {
    active = previous;
  }
}

/** Runs a synchronous parse with the organisation's zaaknummer pattern in force. */
export const withZaaknummerPattern = <T>(pattern: string, parse: () => T): T =>
  withInputScope({ zaaknummerPattern: pattern }, parse);

/**
 * A whole number as people type it: decimal digits only. `Number()` would read "0x4" as 4, "4e0"
 * as 4 and "" as 0; anything else stays text, so the schema reports it at its field.
 */
export const whole = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && /^\s*-?\d{1,9}\s*$/.test(v) ? Number(v) : v), schema);

/**
 * Zaaknummers come from the organisation's case system. Through the privacy guard: the policy's
 * pattern, and always refused: no digit at all (a name) or a BSN-like run of digits (11-proef).
 */
export const zaaknummer = z
  .string({ error: "Vul een zaaknummer in." })
  .trim()
  .min(1, "Vul een zaaknummer in.")
  .max(30, "Een zaaknummer heeft hoogstens 30 tekens.")
  .superRefine((value, ctx) => {
    const problem = checkZaaknummer(value, active.zaaknummerPattern);
    if (problem) ctx.addIssue({ code: "custom", message: privacyMessage(problem, "Zaaknummer") });
  });

/**
 * An optional short note (at most 140 characters) that passes the privacy guard: no BSN-like
 * number, e-mail address, phone number, IBAN, address or date. Empty means no note.
 */
export const note = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string({ error: "Een notitie is tekst." })
    .trim()
    .superRefine((value, ctx) => {
      const problem = checkNote(value);
      if (problem) ctx.addIssue({ code: "custom", message: privacyMessage(problem, "Notitie") });
    })
    .optional(),
);

export const isoDate = z
  .string({ error: "Vul een datum in (JJJJ-MM-DD)." })
  .trim()
  .refine(isIsoDate, "Vul een geldige datum in (JJJJ-MM-DD).")
  .superRefine((value, ctx) => {
    const { earliest, latest } = active.dates;
    // A two-digit year arrives as year 00xx and is refused here, never read as 19xx or 20xx.
    if (value < earliest)
      ctx.addIssue({
        code: "custom",
        message: `De datum ligt te ver terug: niet vóór ${dutchDate(earliest)}.`,
      });
    else if (value > latest)
      ctx.addIssue({
        code: "custom",
        message: `De datum ligt te ver vooruit: niet na ${dutchDate(latest)}.`,
      });
  });

export const optionalIsoDate = z.preprocess((v) => (v === "" ? null : v), isoDate.nullable().optional());

const labelled = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });

export const measure = labelled(MEASURES, "Kies een maatregel: ots, vots, voogdij, vvoogdij of jr.");
export const phase = labelled(PHASES, "Kies een fase: aangemeld, ccp, regulier, crt of afgesloten.");
export const riskLevel = labelled(RISK_LEVELS, "Kies een risico: laag, middelmatig of hoog.");
export const arijReason = labelled(
  ARIJ_REASONS,
  "Kies een aanleiding: periodiek, nieuwe zorgen of kernbesluit.",
);
export const contactKind = labelled(CONTACT_KINDS, "Kies het soort contact.");
export const milestoneKind = labelled(MARKABLE_MILESTONES, "Kies een mijlpaal.");
export const priorityClass = labelled(PRIORITY_CLASSES, "Kies een prioriteit: A, B, C of D.");

export const birthYears = z
  .array(
    z.number({ error: "Geboortejaar moet een jaartal zijn." }).int("Geboortejaar moet een jaartal zijn."),
  )
  .max(12, "Hoogstens 12 kinderen per zaak.");

export const teamCode = z.string({ error: "Kies een team." }).trim().min(1, "Kies een team.");
export const personCode = z.string({ error: "Kies een persoon." }).trim().min(1, "Kies een persoon.");

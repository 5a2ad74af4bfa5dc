import { z } from "zod";
import { isIsoDate } from "../domain/dates.ts";
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

/** Zaaknummers come from the organisation's case system: letters, digits and - / . only. */
export const zaaknummer = z
  .string({ error: "Vul een zaaknummer in." })
  .trim()
  .min(1, "Vul een zaaknummer in.")
  .max(30, "Een zaaknummer heeft hoogstens 30 tekens.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9./-]*$/, "Een zaaknummer bestaat uit letters, cijfers, '-', '/' of '.'.");

export const isoDate = z
  .string({ error: "Vul een datum in (JJJJ-MM-DD)." })
  .trim()
  .refine(isIsoDate, "Vul een geldige datum in (JJJJ-MM-DD).");

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

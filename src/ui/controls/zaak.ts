import { z } from "zod";
import { MARKABLE_MILESTONES } from "../../domain/types.ts";
import { defineButton, defineForm, idValue, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/zaak.ts (the case card and putting things right).

/** "Ongedaan maken" on a confirmation: the record to void, and when it was made (ms since epoch). */
export const undoValue = z.object({
  z: zaaknummerValue,
  r: z.enum(["contact", "arij", "kernbeslissing"]),
  id: z.number().int(),
  at: z.number(),
});
export type UndoRef = z.output<typeof undoValue>;

/** A plain zaaknummer (case card), or the case and milestone a reminder's "Al gedaan" chose. */
const milestoneValue = z.union([
  zaaknummerValue,
  z.object({ z: zaaknummerValue, k: z.enum(MARKABLE_MILESTONES).optional().catch(undefined) }),
]);

export const zaakButtons = {
  open: defineButton("zaak.open", zaaknummerValue),
  corrigeren: defineButton("zaak.corrigeren", zaaknummerValue),
  afsluiten: defineButton("zaak.afsluiten", zaaknummerValue),
  heropenen: defineButton("zaak.heropenen", zaaknummerValue),
  overdrachtIntrekken: defineButton("zaak.overdracht_intrekken", idValue),
  aanpassingIntrekken: defineButton("zaak.aanpassing_intrekken", zaaknummerValue),
  ongedaan: defineButton("zaak.ongedaan", undoValue),
  complex: defineButton("zaak.complex", zaaknummerValue),
  mijlpaal: defineButton("zaak.mijlpaal", milestoneValue),
};

export const zaakForms = {
  mijlpaal: defineForm("zaak.mijlpaal", zaaknummerValue),
  complex: defineForm("zaak.complex", zaaknummerValue),
  corrigeren: defineForm("zaak.corrigeren", zaaknummerValue),
  afsluiten: defineForm("zaak.afsluiten", zaaknummerValue),
  heropenen: defineForm("zaak.heropenen", zaaknummerValue),
  overdrachtIntrekken: defineForm("zaak.overdracht_intrekken", idValue),
};

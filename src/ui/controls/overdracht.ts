import { z } from "zod";
import { HANDOVER_KINDS } from "../../domain/handover.ts";
import { defineButton, defineForm, idValue, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/overdracht.ts.

/**
 * What an "Overdracht" button carries: the case, and what the form has already chosen (kind, reason,
 * receiving team's code); older messages carry the plain zaaknummer.
 */
export const handoverPrefillValue = z.union([
  z.object({
    z: zaaknummerValue,
    k: z.enum(HANDOVER_KINDS).optional().catch(undefined),
    r: z.string().max(100).optional(),
    t: z.string().max(100).optional(),
  }),
  zaaknummerValue.transform((zaaknummer) => ({ z: zaaknummer, k: undefined, r: undefined, t: undefined })),
]);
export type HandoverPrefillValue = z.output<typeof handoverPrefillValue>;

export const overdrachtButtons = {
  open: defineButton("overdracht.open", handoverPrefillValue),
  accepteren: defineButton("overdracht.accepteren", idValue),
  afwijzen: defineButton("overdracht.afwijzen", idValue),
};

export const overdrachtForms = {
  aanvragen: defineForm("overdracht", zaaknummerValue),
  accepteren: defineForm("overdracht.accepteren", idValue),
  afwijzen: defineForm("overdracht.afwijzen", idValue),
};

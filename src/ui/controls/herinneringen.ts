import { z } from "zod";
import { DEADLINE_KINDS } from "../../domain/types.ts";
import { defineButton, defineForm, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/herinneringen.ts, on a reminder DM.

/** The reminder a button belongs to: case, deadline kind, due date and stage. */
export const reminderRefValue = z.object({
  z: zaaknummerValue,
  k: z.enum(DEADLINE_KINDS),
  d: z.string().max(20),
  s: z.string().max(20),
});
export type ReminderRef = z.output<typeof reminderRefValue>;

export const herinneringenButtons = {
  gedaan: defineButton("herinneringen.gedaan", reminderRefValue),
  uitstellen: defineButton("herinneringen.uitstellen", reminderRefValue),
};

export const herinneringenForms = {
  uitstellen: defineForm("herinneringen.uitstellen", reminderRefValue),
};

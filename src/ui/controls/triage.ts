import { z } from "zod";
import { defineButton, defineForm, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/triage.ts.

export const triageButtons = {
  open: defineButton("triage.open", zaaknummerValue),
};

/** The case to triage, or "" for a new case registered by the form. */
export const triageForms = {
  triage: defineForm("triage", z.string().max(200)),
};

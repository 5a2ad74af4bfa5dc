import { z } from "zod";
import { defineForm } from "../control.ts";

// The forms of commands/afwezig.ts.

export const afwezigForms = {
  /** Carries nothing back: who and when are fields of the form. */
  afwezig: defineForm("afwezig", z.literal("").catch("")),
};

import { z } from "zod";
import { defineButton } from "../control.ts";

// The buttons of commands/capaciteit.ts.

export const capaciteitButtons = {
  /** The first line of a capacity page. */
  page: defineButton("capaciteit.page", z.number().int().min(0).catch(0)),
};

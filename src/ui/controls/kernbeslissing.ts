import { defineButton, defineForm, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/kernbeslissing.ts.

export const kernbeslissingButtons = {
  open: defineButton("kernbeslissing.open", zaaknummerValue),
};

export const kernbeslissingForms = {
  kernbeslissing: defineForm("kernbeslissing", zaaknummerValue),
};

import { defineButton, defineForm, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/arij.ts.

export const arijButtons = {
  open: defineButton("arij.open", zaaknummerValue),
};

export const arijForms = {
  arij: defineForm("arij", zaaknummerValue),
};

import { defineButton, defineForm, zaaknummerValue } from "../control.ts";

// The buttons and forms of commands/contact.ts.

export const contactButtons = {
  open: defineButton("contact.open", zaaknummerValue),
};

export const contactForms = {
  contact: defineForm("contact", zaaknummerValue),
};

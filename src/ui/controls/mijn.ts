import { z } from "zod";
import { defineButton } from "../control.ts";

// The buttons of commands/mijn.ts (the person's home).

/** "welkom" keeps the welcome above the home (the card Teams shows when the app is installed). */
export const homeRefreshValue = z.enum(["welkom", ""]).catch("");

export const mijnButtons = {
  verversen: defineButton("mijn.verversen", homeRefreshValue),
};

import { z } from "zod";
import { defineButton, defineForm } from "../control.ts";

// The buttons and forms of commands/werkvoorraad.ts.

/** A page of the werkvoorraad: the team (null: what the person may see) and the first entry. */
export const werkvoorraadPageValue = z
  .object({
    team: z.string().max(100).nullable().catch(null),
    offset: z.number().int().min(0).catch(0),
  })
  .catch({ team: null, offset: 0 });
export type WerkvoorraadPage = z.output<typeof werkvoorraadPageValue>;

export const werkvoorraadButtons = {
  page: defineButton("werkvoorraad.page", werkvoorraadPageValue),
  override: defineButton("werkvoorraad.override", werkvoorraadPageValue),
};

export const werkvoorraadForms = {
  override: defineForm("werkvoorraad.override", werkvoorraadPageValue),
};

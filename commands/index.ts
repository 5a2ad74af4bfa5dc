import { arij } from "./arij.ts";
import { capaciteit } from "./capaciteit.ts";
import type { Command } from "./command.ts";
import { contact } from "./contact.ts";
import { help } from "./help.ts";
import { herinneringen } from "./herinneringen.ts";
import { kernbeslissing } from "./kernbeslissing.ts";
import { overdracht } from "./overdracht.ts";
import { triage } from "./triage.ts";
import { werkvoorraad } from "./werkvoorraad.ts";
import { zaak } from "./zaak.ts";

/** Every chat command; platforms, manifests and help cards are built from this list. */
export const COMMANDS: readonly Command[] = [
  triage,
  zaak,
  contact,
  arij,
  kernbeslissing,
  overdracht,
  werkvoorraad,
  capaciteit,
  herinneringen,
  help,
];

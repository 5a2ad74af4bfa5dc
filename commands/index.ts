import type { SlackBotEvent } from "../src/manifests/slackTypes.ts";
import { afwezig } from "./afwezig.ts";
import { arij } from "./arij.ts";
import { audit } from "./audit.ts";
import { capaciteit } from "./capaciteit.ts";
import { cijfers } from "./cijfers.ts";
import type { Command } from "./command.ts";
import { contact } from "./contact.ts";
import { help } from "./help.ts";
import { herinneringen } from "./herinneringen.ts";
import { kernbeslissing } from "./kernbeslissing.ts";
import { mijn } from "./mijn.ts";
import { overdracht } from "./overdracht.ts";
import { triage } from "./triage.ts";
import { werkvoorraad } from "./werkvoorraad.ts";
import { zaak } from "./zaak.ts";

/**
 * Every chat command; platforms, manifests (`npm run manifests`) and help cards are built from
 * this list. Most used first: the Teams command menu shows the first ten. `mijn` (the home) leads;
 * `herinneringen` follows `help` because the home shows the week's deadlines too.
 */
export const COMMANDS: readonly Command[] = [
  mijn,
  triage,
  zaak,
  contact,
  arij,
  kernbeslissing,
  overdracht,
  werkvoorraad,
  capaciteit,
  help,
  herinneringen,
  cijfers,
  audit,
  afwezig,
];

/** What the app offers besides commands; the manifests are built from this too. */
export interface AppSurfaces {
  /** A personal home (Slack App Home tab). */
  home: boolean;
  /** Slack events the app subscribes to. */
  slackEvents: readonly SlackBotEvent[];
}

export const APP_SURFACES: AppSurfaces = { home: true, slackEvents: ["app_home_opened"] };

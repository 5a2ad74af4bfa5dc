import type { SlackBotScope } from "./slackTypes.ts";

/**
 * What both manifests say about Zicht itself. Commands come from the registry; this is the rest.
 * The host and the Teams bot id are placeholders in the committed manifests; an administrator
 * builds their own with `npm run manifests -- --host … --teams-bot-id …` (see README).
 */
export interface ManifestTarget {
  /** Public host name where Zicht answers (no scheme, no path). */
  host: string;
  /** The Azure Bot's application (client) id; also the Teams app id. */
  teamsBotId: string;
}

export const PLACEHOLDER_TARGET: ManifestTarget = {
  host: "zicht.example.org",
  teamsBotId: "00000000-0000-0000-0000-000000000000",
};

export const APP_TEXT = {
  name: "Zicht",
  fullName: "Zicht — werkvoorraad jeugdbescherming",
  short: "Zicht op de werkvoorraad: triage, termijnen, herinneringen en overdrachten.",
  long:
    "Zicht helpt een gecertificeerde instelling zicht te houden op ieder kind dat wacht op een vaste " +
    "jeugdbeschermer. Triëer nieuwe zaken met Bijlage 1, zie de werkvoorraad op prioriteit, krijg " +
    "herinneringen voor contactmomenten en ARIJ's en vraag overdrachten aan. Zicht toont alleen " +
    "zaaknummers: namen en details blijven in het zaaksysteem.",
  slashDescription: "Zicht: triage, zaak, contact, ARIJ, werkvoorraad en meer",
  color: "#1F4E5F",
} as const;

/**
 * Slack bot scopes every installation needs, whatever the commands: answer, DM, the slash command,
 * and reading back its own messages, by which the outbox checks whether a send whose outcome was
 * unknown arrived before it sends again (exactly once). users:read and users:read.email let Zicht
 * link a person by the e-mail address of their Slack profile (first contact, `import people --link`).
 * Charts (cijfers, the weekly digest) are uploaded as files.
 */
export const BASE_SLACK_SCOPES: readonly SlackBotScope[] = [
  "commands",
  "chat:write",
  "im:write",
  "channels:history",
  "groups:history",
  "im:history",
  "users:read",
  "users:read.email",
  "files:write",
];

import type { Command } from "../../commands/command.ts";
import { APP_TEXT, type ManifestTarget } from "./app.ts";

/** The Teams schema allows at most this many commands in one command list. */
export const TEAMS_COMMAND_LIST_LIMIT = 10;

export const TEAMS_MANIFEST_VERSION = "1.22";

/** The search message extension: find a case by zaaknummer (its card goes to the person only). */
export const CASE_SEARCH_COMMAND = "zaakZoeken";

/**
 * The Teams app manifest. The registry lists commands most used first; the command list (the
 * menu Teams shows above the compose box) holds the first ten, and every command still works when
 * typed, and is listed by `help`.
 */
export function teamsManifest(commands: readonly Command[], target: ManifestTarget): Record<string, unknown> {
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: TEAMS_MANIFEST_VERSION,
    version: "1.0.0",
    id: target.teamsBotId,
    developer: {
      name: APP_TEXT.name,
      websiteUrl: `https://${target.host}`,
      privacyUrl: `https://${target.host}/privacy`,
      termsOfUseUrl: `https://${target.host}/voorwaarden`,
    },
    localizationInfo: { defaultLanguageTag: "nl-nl" },
    name: { short: APP_TEXT.name, full: APP_TEXT.fullName },
    description: { short: APP_TEXT.short, full: APP_TEXT.long },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: APP_TEXT.color,
    bots: [
      {
        botId: target.teamsBotId,
        scopes: ["personal", "team"],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: ["personal"],
            commands: commands
              .slice(0, TEAMS_COMMAND_LIST_LIMIT)
              .map((c) => ({ title: c.name, description: c.description })),
          },
        ],
      },
    ],
    composeExtensions: [
      {
        botId: target.teamsBotId,
        commands: [
          {
            id: CASE_SEARCH_COMMAND,
            type: "query",
            title: "Zaak zoeken",
            description: "Zoek een zaak op zaaknummer; de zaakkaart komt in je eigen chat met Zicht.",
            initialRun: false,
            context: ["compose", "commandBox"],
            parameters: [
              {
                name: "zaaknummer",
                title: "Zaaknummer",
                description: "Bijvoorbeeld 2026-0012",
                inputType: "text",
              },
            ],
          },
        ],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: [target.host],
  };
}

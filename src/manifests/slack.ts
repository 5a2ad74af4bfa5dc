import type { Command } from "../../commands/command.ts";
import type { AppSurfaces } from "../../commands/index.ts";
import { APP_TEXT, BASE_SLACK_SCOPES, type ManifestTarget } from "./app.ts";
import type { SlackManifest } from "./slackTypes.ts";

/** The Slack app manifest: one `/zicht` slash command whose usage hint lists every subcommand. */
export function slackManifest(
  commands: readonly Command[],
  surfaces: AppSurfaces,
  target: ManifestTarget,
): SlackManifest {
  const endpoint = `https://${target.host}/slack/events`;
  const scopes = [...new Set([...BASE_SLACK_SCOPES, ...commands.flatMap((c) => c.slackScopes ?? [])])].sort();
  const events = [...surfaces.slackEvents].sort();
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: APP_TEXT.name,
      description: APP_TEXT.short,
      long_description: APP_TEXT.long,
      background_color: APP_TEXT.color.toLowerCase(),
    },
    features: {
      ...(surfaces.home ? { app_home: { home_tab_enabled: true, messages_tab_enabled: true } } : {}),
      bot_user: { display_name: APP_TEXT.name, always_online: true },
      slash_commands: [
        {
          command: "/zicht",
          url: endpoint,
          description: APP_TEXT.slashDescription,
          usage_hint: usageHint(commands),
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: scopes } },
    settings: {
      ...(events.length > 0 ? { event_subscriptions: { request_url: endpoint, bot_events: events } } : {}),
      interactivity: { is_enabled: true, request_url: endpoint },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/** Slack's limit for a slash command's usage hint. */
export const SLACK_USAGE_HINT_LIMIT = 1000;

/** Every command's usage, as many as fit; `help` lists the rest. */
function usageHint(commands: readonly Command[]): string {
  const all = commands.map((c) => c.usage).join(" | ");
  if (all.length <= SLACK_USAGE_HINT_LIMIT) return all;
  const tail = " | … | help";
  let hint = "";
  for (const c of commands) {
    const next = hint ? `${hint} | ${c.usage}` : c.usage;
    if (next.length + tail.length > SLACK_USAGE_HINT_LIMIT) break;
    hint = next;
  }
  return hint + tail;
}

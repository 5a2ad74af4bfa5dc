import type { webApi } from "@slack/bolt";

/** Slack's own manifest type (the SDK exports it only as the argument of apps.manifest.create). */
export type SlackManifest = webApi.AppsManifestCreateArguments["manifest"];

type Settings = NonNullable<SlackManifest["settings"]>;
type OAuth = NonNullable<SlackManifest["oauth_config"]>;

/** An event a Slack app can subscribe to, as Slack's manifest type names them. */
export type SlackBotEvent = NonNullable<NonNullable<Settings["event_subscriptions"]>["bot_events"]>[number];

/** A bot scope, as Slack's manifest type names them. */
export type SlackBotScope = NonNullable<NonNullable<OAuth["scopes"]>["bot"]>[number];

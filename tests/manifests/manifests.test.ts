import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ManifestUtil } from "@microsoft/app-manifest";
import { describe, expect, it } from "vitest";
import type { Command } from "../../commands/command.ts";
import { APP_SURFACES, COMMANDS } from "../../commands/index.ts";
import { PLACEHOLDER_TARGET } from "../../src/manifests/app.ts";
import { manifestFiles } from "../../src/manifests/files.ts";
import { slackManifest } from "../../src/manifests/slack.ts";
import {
  TEAMS_COMMAND_LIST_LIMIT,
  TEAMS_MANIFEST_VERSION,
  teamsManifest,
} from "../../src/manifests/teams.ts";
import { slackManifestSchema } from "../support/slackManifestSchema.ts";

const require = createRequire(import.meta.url);
const teamsSchema = require(
  `@microsoft/app-manifest/build/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
);

/** A throw-away command, as a new engineer would add one. */
function extraCommand(n: number, slackScopes: Command["slackScopes"] = []): Command {
  return {
    name: `proef${n}`,
    description: `Proefopdracht ${n}: bestaat alleen in deze test.`,
    usage: `proef${n} ZAAKNUMMER`,
    slackScopes,
    run: async () => ({ kind: "message", message: { summary: "proef", blocks: [] } }),
  };
}
const withExtra = (count: number) => [
  ...COMMANDS,
  ...Array.from({ length: count - COMMANDS.length }, (_, i) => extraCommand(COMMANDS.length + i + 1)),
];

describe("the manifests are built from commands/index.ts", () => {
  it("the committed files are what `npm run manifests` writes (run it after changing a command)", () => {
    for (const file of manifestFiles(COMMANDS, APP_SURFACES, PLACEHOLDER_TARGET)) {
      expect(readFileSync(`manifest/${file.path}`, "utf8"), `manifest/${file.path}`).toBe(file.text);
    }
  });

  it("an installation's own host and bot id reach every URL and id", () => {
    const target = { host: "zicht.gi-noord.nl", teamsBotId: "9b0c4f1e-8a55-4c1e-9d8e-2f6a7b3c1d20" };
    const [slack, teams] = manifestFiles(COMMANDS, APP_SURFACES, target).map((f) => f.text);
    expect(slack).not.toContain("example.org");
    expect(slack).toContain("https://zicht.gi-noord.nl/slack/events");
    expect(teams).not.toContain("example.org");
    expect(teams).not.toContain("00000000-0000");
    expect(JSON.parse(teams ?? "").bots[0].botId).toBe(target.teamsBotId);
  });
});

// Today's registry, and with one and five throw-away commands more.
describe.each([COMMANDS.length, COMMANDS.length + 1, COMMANDS.length + 5])("with %i commands", (count) => {
  const commands = withExtra(count);

  it("the Teams manifest is valid against the schema it names (bundled, offline)", async () => {
    const manifest = teamsManifest(commands, PLACEHOLDER_TARGET);
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest as never, teamsSchema)).toEqual([]);
    const titles = (
      manifest.bots as { commandLists: { commands: { title: string }[] }[] }[]
    )[0]?.commandLists[0]?.commands.map((c) => c.title);
    // The most used commands, in the registry's order, up to the schema's limit.
    expect(titles).toEqual(commands.slice(0, TEAMS_COMMAND_LIST_LIMIT).map((c) => c.name));
  });

  it("the Slack manifest is within Slack's manifest limits and offers every command", () => {
    const manifest = slackManifest(commands, APP_SURFACES, PLACEHOLDER_TARGET);
    const checked = slackManifestSchema.safeParse(manifest);
    expect(checked.error?.issues ?? []).toEqual([]);
    const hint = manifest.features?.slash_commands?.[0]?.usage_hint ?? "";
    for (const c of commands) expect(hint).toContain(c.usage);
  });
});

describe("what the registry declares reaches the manifests", () => {
  it("a command's extra Slack scope is asked for, and nothing else beyond the base scopes", () => {
    const commands = [...COMMANDS, extraCommand(99, ["reactions:write"])];
    const manifest = slackManifest(commands, APP_SURFACES, PLACEHOLDER_TARGET);
    // users:read(.email): linking people by the e-mail address of their Slack profile.
    const base = [
      "channels:history",
      "chat:write",
      "commands",
      "files:write",
      "groups:history",
      "im:history",
      "im:write",
      "users:read",
      "users:read.email",
    ];
    expect(manifest.oauth_config?.scopes?.bot).toEqual([
      ...base.slice(0, 7),
      "reactions:write",
      ...base.slice(7),
    ]);
    const today = slackManifest(COMMANDS, APP_SURFACES, PLACEHOLDER_TARGET);
    expect(today.oauth_config?.scopes?.bot).toEqual(base);
  });

  it("a home and its events are declared once and appear in the Slack manifest", () => {
    const manifest = slackManifest(
      COMMANDS,
      { home: true, slackEvents: ["app_home_opened"] },
      PLACEHOLDER_TARGET,
    );
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(["app_home_opened"]);
    expect(slackManifestSchema.safeParse(manifest).success).toBe(true);
  });

  it("the committed manifests offer the home: Slack's Home tab and its event, `mijn` first in Teams' menu", () => {
    const slack = JSON.parse(readFileSync("manifest/slack.json", "utf8"));
    expect(slack.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(slack.settings.event_subscriptions.bot_events).toEqual(["app_home_opened"]);
    const teams = JSON.parse(readFileSync("manifest/teams/manifest.json", "utf8"));
    expect(teams.bots[0].commandLists[0].commands[0].title).toBe("mijn");
  });

  it("a usage hint that would pass Slack's 1000 characters is cut at a whole command and points to help", () => {
    const long = Array.from({ length: 40 }, (_, i) => ({
      ...extraCommand(100 + i),
      usage: `opdracht${i} ${"X".repeat(30)}`,
    }));
    const hint =
      slackManifest(long, APP_SURFACES, PLACEHOLDER_TARGET).features?.slash_commands?.[0]?.usage_hint ?? "";
    expect(hint.length).toBeLessThanOrEqual(1000);
    expect(hint.endsWith(" | … | help")).toBe(true);
    expect(hint).toContain("opdracht0 ");
  });

  it("the checks can fail: a too long Teams short description and a too long Slack name are caught", async () => {
    const teams = teamsManifest(COMMANDS, PLACEHOLDER_TARGET);
    const broken = { ...teams, description: { short: "x".repeat(81), full: "y" } };
    expect(
      (await ManifestUtil.validateManifestAgainstSchema(broken as never, teamsSchema)).length,
    ).toBeGreaterThan(0);
    const slack = slackManifest(COMMANDS, APP_SURFACES, PLACEHOLDER_TARGET);
    const tooLong = { ...slack, display_information: { ...slack.display_information, name: "Z".repeat(36) } };
    expect(slackManifestSchema.safeParse(tooLong).success).toBe(false);
  });

  it("ships the Teams icons at the sizes Teams asks", () => {
    const size = (file: string) => {
      const png = readFileSync(`manifest/teams/${file}`);
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size("color.png")).toEqual([192, 192]);
    expect(size("outline.png")).toEqual([32, 32]);
  });
});

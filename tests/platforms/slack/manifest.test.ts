import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";

const manifest = JSON.parse(readFileSync("manifest/slack.json", "utf8"));
const [command] = manifest.features.slash_commands;

describe("manifest/slack.json", () => {
  it("offers every command of commands/ in the usage hint, in the same words", () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(command.command).toBe("/zicht");
    expect(command.usage_hint).toBe(COMMANDS.map((c) => c.usage).join(" | "));
    expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
    expect(command.description.length).toBeLessThanOrEqual(100);
  });

  it("sends commands and interactivity to the one events endpoint", () => {
    expect(new URL(command.url).pathname).toBe("/slack/events");
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe("/slack/events");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("asks only the bot scopes the code uses", () => {
    // *:history: the outbox looks a message up by its key before resending after an unknown outcome.
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "channels:history",
      "chat:write",
      "commands",
      "groups:history",
      "im:history",
      "im:write",
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });
});

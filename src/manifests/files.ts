import type { Command } from "../../commands/command.ts";
import type { AppSurfaces } from "../../commands/index.ts";
import type { ManifestTarget } from "./app.ts";
import { slackManifest } from "./slack.ts";
import { teamsManifest } from "./teams.ts";

/** The manifest files, as text, relative to the manifest folder. */
export function manifestFiles(
  commands: readonly Command[],
  surfaces: AppSurfaces,
  target: ManifestTarget,
): { path: string; text: string }[] {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return [
    { path: "slack.json", text: json(slackManifest(commands, surfaces, target)) },
    { path: "teams/manifest.json", text: json(teamsManifest(commands, target)) },
  ];
}

/**
 * `npm run manifests` — writes manifest/slack.json and manifest/teams/manifest.json from the
 * command registry. With `--host` and `--teams-bot-id` (and `--out DIR`) it writes an
 * installation's own manifests instead of the committed ones with placeholders.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { APP_SURFACES, COMMANDS } from "../../commands/index.ts";
import { PLACEHOLDER_TARGET } from "./app.ts";
import { manifestFiles } from "./files.ts";

const { values } = parseArgs({
  options: {
    host: { type: "string" },
    "teams-bot-id": { type: "string" },
    out: { type: "string" },
  },
});

const target = {
  host: values.host ?? PLACEHOLDER_TARGET.host,
  teamsBotId: values["teams-bot-id"] ?? PLACEHOLDER_TARGET.teamsBotId,
};
const out = values.out ?? "manifest";
mkdirSync(join(out, "teams"), { recursive: true });
for (const file of manifestFiles(COMMANDS, APP_SURFACES, target)) {
  writeFileSync(join(out, file.path), file.text);
  console.log(`geschreven: ${join(out, file.path)}`);
}
if (out !== "manifest") {
  for (const icon of ["color.png", "outline.png"])
    copyFileSync(join("manifest/teams", icon), join(out, "teams", icon));
}

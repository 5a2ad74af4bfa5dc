import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ManifestUtil } from "@microsoft/app-manifest";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";

const manifest = JSON.parse(readFileSync("manifest/teams/manifest.json", "utf8"));
const require = createRequire(import.meta.url);

describe("manifest/teams/manifest.json", () => {
  it("is valid against the Teams schema it names (bundled by @microsoft/app-manifest, offline)", async () => {
    const schema = require(
      `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest, schema)).toEqual([]);
    // The check can fail: a too long short description is caught.
    const broken = { ...manifest, description: { ...manifest.description, short: "x".repeat(81) } };
    expect((await ManifestUtil.validateManifestAgainstSchema(broken, schema)).length).toBeGreaterThan(0);
  });

  it("lists every command of commands/ in its commandLists, in the same words", () => {
    const [list] = manifest.bots[0].commandLists;
    expect(list.commands).toEqual(COMMANDS.map((c) => ({ title: c.name, description: c.description })));
  });

  it("is in Dutch: its default language is nl-nl, and its privacy and terms links are Zicht's own pages", () => {
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: "nl-nl" });
    expect(new URL(manifest.developer.privacyUrl).pathname).toBe("/privacy");
    expect(new URL(manifest.developer.termsOfUseUrl).pathname).toBe("/voorwaarden");
  });

  it("ships its icons at the sizes Teams asks", () => {
    const size = (file: string) => {
      const png = readFileSync(`manifest/teams/${file}`);
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size(manifest.icons.color)).toEqual([192, 192]);
    expect(size(manifest.icons.outline)).toEqual([32, 32]);
  });
});

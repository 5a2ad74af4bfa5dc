import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

// An administrator sets credentials the way Microsoft's or Slack's samples do, or forgets one. Zicht
// must refuse to start and name the variable — never run with a platform silently off, and never
// fall back to the unauthenticated console with demo data.

const dir = mkdtempSync(join(tmpdir(), "zicht-credentials-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEAMS = { TEAMS_CLIENT_ID: "c1d2", TEAMS_CLIENT_SECRET: "geheim", TEAMS_TENANT_ID: "t3n4" };
const SLACK = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s3cr3t" };

/** Each set, and the variable its refusal must name. */
const REFUSED: [string, Record<string, string>, string][] = [
  [
    "Microsoft's sample names",
    { CLIENT_ID: "c1d2", CLIENT_SECRET: "geheim", TENANT_ID: "t3n4" },
    "CLIENT_ID",
  ],
  ["only CLIENT_ID", { CLIENT_ID: "c1d2" }, "CLIENT_ID"],
  ["only TENANT_ID", { TENANT_ID: "t3n4" }, "TENANT_ID"],
  ["Bot Framework names", { MicrosoftAppId: "c1d2", MicrosoftAppPassword: "geheim" }, "MicrosoftAppId"],
  ["Bot Framework names in capitals", { MICROSOFT_APP_PASSWORD: "geheim" }, "MICROSOFT_APP_PASSWORD"],
  ["Teams Toolkit names", { BOT_ID: "c1d2", BOT_PASSWORD: "geheim" }, "BOT_PASSWORD"],
  ["ours and a foreign tenant", { ...TEAMS, TENANT_ID: "t3n4" }, "TENANT_ID"],
  [
    "Teams client id without secret",
    { TEAMS_CLIENT_ID: "c1d2", TEAMS_TENANT_ID: "t3n4" },
    "TEAMS_CLIENT_SECRET",
  ],
  ["Teams without tenant", { TEAMS_CLIENT_ID: "c1d2", TEAMS_CLIENT_SECRET: "geheim" }, "TEAMS_TENANT_ID"],
  ["Teams secret alone", { TEAMS_CLIENT_SECRET: "geheim" }, "TEAMS_CLIENT_ID"],
  ["Slack bot token alone", { SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
  ["Slack signing secret alone", { SLACK_SIGNING_SECRET: "s3cr3t" }, "SLACK_BOT_TOKEN"],
  ["Slack app token alone", { SLACK_APP_TOKEN: "xapp-1" }, "SLACK_BOT_TOKEN"],
  ["Slack OAuth names", { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "x" }, "SLACK_CLIENT_ID"],
  ["complete Slack, partial Teams", { ...SLACK, TEAMS_CLIENT_ID: "c1d2" }, "TEAMS_CLIENT_SECRET"],
  ["complete Teams, partial Slack", { ...TEAMS, SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
];

/** Runs `npm start`'s entry point with exactly these credentials; kills it if it does start. */
function startWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      ZICHT_DATA_DIR: join(dir, `data-${Math.random().toString(36).slice(2)}`),
      PORT: "0",
      LOG_LEVEL: "silent",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  // A Zicht that starts prints its URL: that is the failure this test is about.
  child.stdout?.on("data", (d) => {
    if (String(d).includes("Zicht draait")) child.kill("SIGTERM");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe("credentials at start-up", () => {
  it("refuses to start on every partial or foreign-named set, naming the variable", async () => {
    // Two at a time: each is a Node process, and the machine is small.
    const results: { label: string; code: number | null; stderr: string; names: string }[] = [];
    for (let k = 0; k < REFUSED.length; k += 2) {
      const batch = REFUSED.slice(k, k + 2);
      results.push(
        ...(await Promise.all(
          batch.map(async ([label, env, names]) => ({ label, names, ...(await startWith(env)) })),
        )),
      );
    }
    for (const r of results) {
      expect({ set: r.label, code: r.code }).toEqual({ set: r.label, code: 1 });
      expect(r.stderr, r.label).toMatch(new RegExp(`\\b${r.names}\\b`));
      expect(r.stderr, r.label).not.toContain("geheim");
    }
  }, 120_000);

  it("reads the complete sets, and runs the local console only when no credential is set", () => {
    expect(loadConfig({ ...TEAMS }).platforms).toEqual(["teams"]);
    expect(loadConfig({ ...SLACK, SLACK_APP_TOKEN: "xapp-1" }).credentials.slack).toEqual({
      botToken: "xoxb-1",
      signingSecret: "s3cr3t",
      appToken: "xapp-1",
    });
    expect(loadConfig({ ...TEAMS, ...SLACK }).platforms).toEqual(["slack", "teams"]);
    expect(loadConfig({}).hasPlatformCredentials).toBe(false);
    // An empty variable is no credential (a blank line in an .env file).
    expect(loadConfig({ CLIENT_ID: "", TEAMS_CLIENT_SECRET: " " }).hasPlatformCredentials).toBe(false);
    expect(() => loadConfig({ ...TEAMS, MicrosoftAppType: "SingleTenant" })).toThrow(ConfigError);
  });
});

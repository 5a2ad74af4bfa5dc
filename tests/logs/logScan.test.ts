import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PEOPLE } from "../../db/demo/organisation.ts";
import { checkNote } from "../../src/domain/privacy.ts";

// Logs carry person codes and zaaknummers at most. This runs the Slack and Teams end-to-end suites
// with LOG_LEVEL=debug into a file and reads every line: no staff or other names, and nothing the
// privacy guard refuses (BSN-like numbers, e-mail addresses, phone numbers, IBANs, addresses).
// Dates are left out on purpose: logs carry the days a job ran for.

const dir = mkdtempSync(join(tmpdir(), "zicht-logscan-"));
const file = join(dir, "zicht.log");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every string of a log entry, except stack traces: code paths such as `node_modules/@slack/…`. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object")
    for (const [key, v] of Object.entries(value)) if (key !== "stack") strings(v, out);
  return out;
}

describe("log lines of the end-to-end suites at debug level", () => {
  it("hold no names and nothing the privacy guard refuses", { timeout: 900_000 }, () => {
    const run = spawnSync(
      process.execPath,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        "tests/platforms/slack",
        "tests/platforms/teams",
        "--reporter=dot",
      ],
      {
        env: { ...process.env, LOG_LEVEL: "debug", ZICHT_LOG_FILE: file, VITEST: undefined },
        encoding: "utf8",
        timeout: 850_000,
      },
    );
    expect(existsSync(file), run.stderr).toBe(true);
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    // Every command, form and button handled is a debug line with the person's code.
    expect(lines.filter((l) => l.includes('"msg":"handling"')).length).toBeGreaterThan(20);
    const names = DEMO_PEOPLE.map((p) => p.name);
    const findings: string[] = [];
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const text of strings(entry)) {
        for (const name of names)
          if (text.includes(name)) findings.push(`name ${name}: ${line.slice(0, 200)}`);
        // Words only: ids and hashes are hex or base64, where a digit run means nothing.
        for (const token of text.split(/[\s,;:()"'[\]{}]+/)) {
          if (/[a-f0-9]{16,}/i.test(token)) continue;
          const problem = checkNote(token.slice(0, 140));
          if (problem && problem !== "date") findings.push(`${problem}: ${line.slice(0, 200)}`);
        }
      }
    }
    expect(findings).toEqual([]);
  });
});

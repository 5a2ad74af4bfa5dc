import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where a CLI test keeps its data: a fresh folder for PGlite, or a fresh database on the test server. */
export interface CliStore {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function freshStore(): Promise<CliStore> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `zicht_cli_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      dispose: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "zicht-cli-"));
  return { env: { ZICHT_DATA_DIR: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `npm run zicht -- …` the way an administrator would, without npm's own noise. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", ...args],
      { env: { ...process.env, DATABASE_URL: "", ...env, LOG_LEVEL: "silent" }, cwd: process.cwd() },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

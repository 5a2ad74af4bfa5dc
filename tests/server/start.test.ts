import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/cliSupport.ts";

// `npm start` as a newcomer runs it: no configuration, an empty data folder.

const dir = mkdtempSync(join(tmpdir(), "zicht-start-"));
const dataDir = join(dir, "data");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fetch(url);
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function start(port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      ZICHT_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: "silent",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("npm start on a fresh machine", () => {
  it("answers /healthz within 30 s, is ready, seeds the demo, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = start(port);
    const health = await waitFor(`http://127.0.0.1:${port}/healthz`, 30_000);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    // While the server holds the embedded database, the CLI is refused with a clear message.
    const busy = await runCli(["werkvoorraad"], { ZICHT_DATA_DIR: dataDir });
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain("in gebruik door een ander Zicht-proces");
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    expect(existsSync(join(dataDir, "zicht.lock"))).toBe(false);
    const list = await runCli(["werkvoorraad", "--json"], { ZICHT_DATA_DIR: dataDir });
    expect(JSON.parse(list.stdout).total).toBeGreaterThan(100);
  });

  it("never seeds into a database that holds data", async () => {
    const before = JSON.parse(
      (await runCli(["werkvoorraad", "--json"], { ZICHT_DATA_DIR: dataDir })).stdout,
    ).total;
    const port = await freePort();
    const child = start(port);
    await waitFor(`http://127.0.0.1:${port}/healthz`, 30_000);
    child.kill("SIGTERM");
    await exited(child);
    const after = JSON.parse(
      (await runCli(["werkvoorraad", "--json"], { ZICHT_DATA_DIR: dataDir })).stdout,
    ).total;
    expect(after).toBe(before);
    const seed = await runCli(["seed", "--demo"], { ZICHT_DATA_DIR: dataDir });
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain("lege database");
  });
});

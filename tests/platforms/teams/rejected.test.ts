import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Zicht with Teams credentials, as an administrator runs it: every refused request on /api/messages
// is one line in the log — not two or three from the SDK's steps — and says why.

const dir = mkdtempSync(join(tmpdir(), "zicht-rejected-"));
let child: ChildProcess;
let port = 0;
let out = "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      ZICHT_DATA_DIR: join(dir, "data"),
      PORT: String(port),
      LOG_LEVEL: "warn",
      TEAMS_CLIENT_ID: "00000000-0000-0000-0000-00000000c11e",
      TEAMS_CLIENT_SECRET: "geheim",
      TEAMS_TENANT_ID: "00000000-0000-0000-0000-0000000000aa",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  const until = Date.now() + 60_000;
  while (!out.includes("Zicht draait")) {
    if (Date.now() > until) throw new Error(`Zicht did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 70_000);
afterAll(async () => {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const activity = JSON.stringify({
  type: "message",
  text: "help",
  serviceUrl: "https://smba.trafficmanager.net/teams/",
  from: { id: "29:x" },
  conversation: { id: "a:x" },
  recipient: { id: "28:bot" },
});

const REFUSED: [string, Record<string, string>, string, number][] = [
  ["no token", {}, activity, 401],
  ["a malformed token", { authorization: "Bearer abc" }, activity, 401],
  [
    "a forged token",
    {
      authorization: `Bearer ${b64({ alg: "RS256", kid: "x" })}.${b64({ aud: "00000000-0000-0000-0000-00000000c11e", iss: "https://api.botframework.com" })}.c2ln`,
    },
    activity,
    401,
  ],
  ["a body that is not JSON", {}, "{kapot", 400],
];

const logLines = () =>
  out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("a refused request to /api/messages", () => {
  it.each(REFUSED)("writes one log line (%s)", async (_label, headers, body, status) => {
    const before = logLines().length;
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    expect(res.status).toBe(status);
    await new Promise((r) => setTimeout(r, 300));
    const lines = logLines().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status, msg: "teams request refused" });
    expect(String(lines[0]?.teams)).not.toBe("");
  });
});

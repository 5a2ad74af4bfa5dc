import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// Issue 11 item 12: JSON read through a pipe is whole, however long — the CLI lets stdout drain
// before it exits instead of cutting it at the pipe's 64 KiB buffer.

let store: CliStore;

beforeAll(async () => {
  store = await freshStore();
  const seeded = await runCli(["seed", "--demo", "--date", "2026-11-23"], store.env);
  expect(seeded.code).toBe(0);
}, 120_000);
afterAll(async () => store.dispose());

describe("long JSON through a pipe", () => {
  it("due --json for a far date is valid JSON beyond 64 KiB", async () => {
    const r = await runCli(["due", "--date", "2030-01-01", "--json"], store.env);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(64 * 1024);
    const items = JSON.parse(r.stdout) as unknown[];
    expect(items.length).toBeGreaterThan(400);
  }, 120_000);
});

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { startZicht } from "../../src/zicht.ts";

// A second `npm start` while the first still runs: one Dutch line, and nothing seeded or migrated.

const dir = mkdtempSync(join(tmpdir(), "zicht-port-"));
let taken: Server;
let port = 0;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  port = (taken.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => taken.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe("a busy port", () => {
  it("is refused in one Dutch line before the demo database is created", async () => {
    const dataDir = join(dir, "data");
    const start = startZicht(
      loadConfig({ ZICHT_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "silent" }),
    );
    await expect(start).rejects.toThrow(`Poort ${port} is al in gebruik`);
    expect(existsSync(dataDir)).toBe(false);
  });
});

import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { DataDirBusyError, lockDataDir, lockFile, lockState, startedAt } from "../../db/dataDirLock.ts";

// The embedded database's lock: a second Zicht on the same data folder is refused, but a lock left
// by a process that is gone never blocks a restart — even when its PID now belongs to another
// live process (as when a container restarts and PID 1 is reused).

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "zicht-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A lock file as another process wrote it, last refreshed `ageMs` ago. */
function foreignLock(pid: number, ageMs: number, started?: string) {
  writeFileSync(lockFile(dir), JSON.stringify({ pid, host: hostname(), token: "someone-else", started }));
  const at = new Date(Date.now() - ageMs);
  utimesSync(lockFile(dir), at, at);
}

it("takes over a stale lock whose PID now belongs to another live process", () => {
  // Our parent process is alive and is not us: a reused PID.
  foreignLock(process.ppid, 10 * 60_000);
  const release = lockDataDir(dir);
  release();
  expect(existsSync(lockFile(dir))).toBe(false);
});

it("refuses a second Zicht while the holder's heartbeat is recent, saying what to do", () => {
  foreignLock(process.ppid, 1_000);
  expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
  expect(() => lockDataDir(dir)).toThrow(/in gebruik door een ander Zicht-proces.*DATABASE_URL/);
});

it("takes over at once a recent lock whose holder on this host has died", async () => {
  const { spawnSync } = await import("node:child_process");
  const dead = spawnSync(process.execPath, ["-e", "0"]).pid ?? 0; // a process that has exited
  foreignLock(dead, 1_000);
  lockDataDir(dir)();
});

it("keeps its own lock fresh for as long as it holds it", async () => {
  const timing = { heartbeatMs: 20, staleAfterMs: 200 };
  const release = lockDataDir(dir, timing);
  const at = new Date(Date.now() - 10_000);
  utimesSync(lockFile(dir), at, at); // as if the last heartbeat were long ago
  expect(lockState(dir, timing)).toBe("stale");
  for (let i = 0; i < 100 && lockState(dir, timing) !== "held"; i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(lockState(dir, timing)).toBe("held");
  release();
  expect(lockState(dir, timing)).toBe("free");
});

it("refuses while the holder itself is alive, however old its heartbeat (a long statement on its thread)", () => {
  // The command line runs PGlite on its only thread: one long statement holds up its heartbeat.
  const parent = startedAt(process.ppid);
  if (parent === null) return void expect(process.platform).not.toBe("linux");
  foreignLock(process.ppid, 10 * 60_000, parent);
  expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
});

it("takes over at once a fresh lock whose PID now belongs to a process started later", () => {
  // A container restarted within the heartbeat's window: PID 1 again, another process.
  if (startedAt(process.ppid) === null) return void expect(process.platform).not.toBe("linux");
  foreignLock(process.ppid, 1_000, "1");
  const release = lockDataDir(dir);
  release();
  expect(existsSync(lockFile(dir))).toBe(false);
});

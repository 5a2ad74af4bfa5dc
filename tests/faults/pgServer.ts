import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A PostgreSQL server of the fault suite's own, on its own port and data folder, so the suite can
// restart and kill it during dispatch without touching the shared server. Needs the PostgreSQL
// binaries (initdb, pg_ctl); as root they run as the `postgres` user, as PostgreSQL demands.

const BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

function binDir(): string | null {
  for (const dir of BIN_DIRS) if (existsSync(join(dir, "pg_ctl"))) return dir;
  const found = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

export interface OwnServer {
  url: string;
  /** pg_ctl restart -m fast: connections are cut, the server comes back. */
  restart(): void;
  /** pg_ctl stop -m immediate: the server dies as if killed, without a clean shutdown. */
  kill(): void;
  start(): void;
  stop(): void;
}

/** Why the suite cannot start its own server here, or null when it can. */
export function ownServerUnavailable(): string | null {
  if (!binDir()) return "no PostgreSQL binaries (initdb, pg_ctl) on this machine";
  if (process.getuid?.() === 0 && spawnSync("id", ["postgres"]).status !== 0)
    return "running as root without a postgres user to run the server as";
  return null;
}

export function startOwnServer(port: number): OwnServer {
  const bin = binDir();
  if (!bin) throw new Error("no PostgreSQL binaries");
  const dir = mkdtempSync(join(tmpdir(), "zicht-faults-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: "pipe", cwd: "/" });
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (...args: string[]) => run("pg_ctl", ["-D", data, "-w", "-l", join(dir, "log"), ...args]);
  ctl("-o", opts, "start");
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl("-o", opts, "-m", "fast", "restart"),
    kill: () => ctl("-m", "immediate", "stop"),
    start: () => ctl("-o", opts, "start"),
    stop: () => {
      try {
        ctl("-m", "fast", "stop");
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

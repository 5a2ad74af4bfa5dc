import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

// PGlite is one process's database. Two processes on one data folder would corrupt it, so the
// first one takes a lock file and the second is refused with a message saying what to do.
//
// A PID alone cannot tell a live holder from a dead one: in a container the restarted app is PID 1
// again, and any other process may have been given the old holder's PID. So the holder refreshes
// the lock file's modification time (a heartbeat); a lock whose heartbeat stopped is stale,
// whoever has its PID now. The other way round a PID still helps: when no process on this host has
// the holder's PID, the holder is gone at once (a crash right after start-up need not wait 30 s).

export class DataDirBusyError extends Error {}

export interface LockTiming {
  /** How often the holder refreshes the lock. */
  heartbeatMs: number;
  /** A lock not refreshed for this long belongs to a process that is gone. */
  staleAfterMs: number;
}

export const LOCK_TIMING: LockTiming = { heartbeatMs: 5_000, staleAfterMs: 30_000 };

export const lockFile = (dataDir: string) => join(dataDir, "zicht.lock");

interface Holder {
  pid: number;
  host?: string;
  token: string;
  /** When the holder's process started, as the kernel counts it (Linux), to tell it from a reused PID. */
  started?: string;
}

/**
 * A process's start time from /proc (clock ticks since boot), or null where there is none. A PID
 * with the holder's start time is the holder itself: alive, even when a long statement on its only
 * thread (the command line runs PGlite there) has held up its heartbeat.
 */
export function startedAt(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may itself hold spaces and parentheses: starttime is the 22nd.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    return typeof parsed.pid === "number" && typeof parsed.token === "string"
      ? {
          pid: parsed.pid,
          token: parsed.token,
          ...(parsed.host ? { host: parsed.host } : {}),
          ...(typeof parsed.started === "string" ? { started: parsed.started } : {}),
        }
      : null;
  } catch {
    return null; // unreadable or an older format: judged by its heartbeat alone
  }
}

/** "held" while the holder's heartbeat is recent; "stale" when it stopped; "free" without a lock. */
export function lockState(dataDir: string, timing: LockTiming = LOCK_TIMING, now = Date.now()) {
  try {
    const age = now - statSync(lockFile(dataDir)).mtimeMs;
    return age > timing.staleAfterMs ? "stale" : "held";
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "free";
    throw err;
  }
}

/** Takes the data folder's lock, or throws DataDirBusyError; returns the release. */
export function lockDataDir(dataDir: string, timing: LockTiming = LOCK_TIMING): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  const started = startedAt(process.pid);
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
    ...(started ? { started } : {}),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return holdLock(file, me, timing);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      // Our own PID on a lock we did not write: a previous life of this container's process.
      const ours = holder?.pid === process.pid;
      const here = holder?.host === hostname();
      // On this host a holder is known by PID and start time: the same pair is the holder, alive
      // whatever its heartbeat; its PID on a younger process, or on none, means it is gone.
      const now = here && holder?.started ? startedAt(holder.pid) : null;
      const itself = !ours && now !== null && now === holder?.started;
      const reused = now !== null && now !== holder?.started;
      // A holder on this host whose PID no process has is gone, however recent its last heartbeat.
      const gone = (here && !alive(holder.pid)) || reused;
      if (itself || (!ours && !gone && lockState(dataDir, timing) === "held")) {
        const who = holder ? ` (pid ${holder.pid})` : "";
        throw new DataDirBusyError(
          `De ingebouwde database in ${dataDir} is in gebruik door een ander Zicht-proces${who}. ` +
            "Stop dat proces eerst, of gebruik een PostgreSQL-server via DATABASE_URL.",
        );
      }
      rmSync(file, { force: true }); // left behind by a process that is gone
    }
  }
  throw new DataDirBusyError(`Kon ${file} niet vergrendelen.`);
}

function holdLock(file: string, me: Holder, timing: LockTiming): () => void {
  const beat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // The file is gone (removed by hand): nothing to refresh; release will not recreate it.
    }
  }, timing.heartbeatMs);
  beat.unref(); // the heartbeat alone must not keep the process running
  return () => {
    clearInterval(beat);
    if (readHolder(file)?.token === me.token) rmSync(file, { force: true });
  };
}

import { DataDirBusyError } from "../db/dataDirLock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { log } from "./log.ts";
import { PortBusyError } from "./portCheck.ts";
import { startZicht } from "./zicht.ts";

/** SIGTERM/SIGINT: the process exits within this bound (documented in the README). */
const SHUTDOWN_LIMIT_MS = 30_000;

async function main() {
  const starting = startZicht(loadConfig());
  let stopping = false;
  // Listened for before start-up finishes: a SIGTERM while the server already answers /healthz but
  // still catches up on jobs must stop it cleanly too (and release the embedded database's lock),
  // not kill it with the default handler.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: no new messages claimed, finishing requests and the message in flight");
    // Bound on shutdown: the send in flight ends within SEND_TIMEOUT_MS; anything still going after
    // SHUTDOWN_LIMIT_MS is cut off (unsent rows are claimed again by another replica or at restart).
    const limit = setTimeout(() => {
      log.error({ limitMs: SHUTDOWN_LIMIT_MS }, "stopping took too long: exiting");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    limit.unref();
    const zicht = await starting.catch(() => undefined);
    await zicht?.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  const zicht = await starting;
  if (!stopping) process.stdout.write(`Zicht draait op ${zicht.url}\n`);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirBusyError || err instanceof PortBusyError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    log.fatal({ err }, "start-up failed");
  }
  process.exit(1);
});

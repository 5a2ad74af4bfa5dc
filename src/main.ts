import { DataDirBusyError } from "../db/dataDirLock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { log } from "./log.ts";
import { startZicht } from "./zicht.ts";

/** SIGTERM/SIGINT: the process exits within this bound (documented in the README). */
const SHUTDOWN_LIMIT_MS = 30_000;

async function main() {
  const zicht = await startZicht(loadConfig());
  process.stdout.write(`Zicht draait op ${zicht.url}\n`);
  let stopping = false;
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
    await zicht.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirBusyError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    log.fatal({ err }, "start-up failed");
  }
  process.exit(1);
});

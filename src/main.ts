import { DataDirBusyError } from "../db/dataDirLock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { log } from "./log.ts";
import { startZicht } from "./zicht.ts";

async function main() {
  const starting = startZicht(loadConfig());
  let stopping = false;
  // Listened for before start-up finishes: a SIGTERM while the server already answers /healthz but
  // still catches up on jobs must stop it cleanly too (and release the embedded database's lock),
  // not kill it with the default handler.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests in flight");
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
  if (err instanceof ConfigError || err instanceof DataDirBusyError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    log.fatal({ err }, "start-up failed");
  }
  process.exit(1);
});

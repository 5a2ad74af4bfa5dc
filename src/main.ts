import { DataDirBusyError } from "../db/dataDirLock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { log } from "./log.ts";
import { startZicht } from "./zicht.ts";

async function main() {
  const zicht = await startZicht(loadConfig());
  process.stdout.write(`Zicht draait op ${zicht.url}\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests in flight");
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

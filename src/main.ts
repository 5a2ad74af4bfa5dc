import { DataDirBusyError } from "../db/dataDirLock.ts";
import { openApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { seedDemoIfEmpty } from "./demo.ts";
import { log } from "./log.ts";
import { startServer } from "./server.ts";

async function main() {
  const config = loadConfig();
  const app = await openApp(config);
  if (!config.hasPlatformCredentials) await seedDemoIfEmpty(app);
  const running = await startServer(app, [], config.env.PORT);
  const url = `http://localhost:${running.port}/`;
  log.info({ url }, "Zicht is running");
  process.stdout.write(`Zicht draait op ${url}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests in flight");
    await running.stop();
    await app.close();
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

import { DataDirBusyError } from "../db/dataDirLock.ts";
import { openApp } from "./app.ts";
import { ConfigError, loadConfig, scheduleSettings } from "./config.ts";
import { seedDemoIfEmpty } from "./demo.ts";
import { Dispatcher, type Sender } from "./jobs/outbox.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { log } from "./log.ts";
import { createSlackPlatform } from "./platforms/slack/app.ts";
import { createSlackSender } from "./platforms/slack/sender.ts";
import { createTeamsPlatform } from "./platforms/teams/app.ts";
import { createTeamsSender } from "./platforms/teams/sender.ts";
import { type Route, startServer } from "./server.ts";

async function main() {
  const config = loadConfig();
  const env = config.env;
  const app = await openApp(config);
  if (!config.hasPlatformCredentials) await seedDemoIfEmpty(app);

  const routes: Route[] = [];
  const senders: Partial<Record<"slack" | "teams", Sender>> = {};
  const stops: (() => Promise<void>)[] = [];
  if (env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN) {
    const slack = createSlackPlatform(app, {
      signingSecret: env.SLACK_SIGNING_SECRET,
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
    });
    routes.push(...slack.routes);
    await slack.start();
    stops.push(slack.stop);
    senders.slack = createSlackSender(env.SLACK_BOT_TOKEN, env.SLACK_API_URL);
  }

  if (env.TEAMS_CLIENT_ID && env.TEAMS_CLIENT_SECRET) {
    const teams = await createTeamsPlatform(app, {
      clientId: env.TEAMS_CLIENT_ID,
      clientSecret: env.TEAMS_CLIENT_SECRET,
      tenantId: env.TEAMS_TENANT_ID,
    });
    routes.push(...teams.routes);
    senders.teams = createTeamsSender(app.ctx, teams.teams);
  }

  const running = await startServer(app, routes, env.PORT);
  const dispatcher = new Dispatcher(app.database.db, {
    senders,
    adminChannels: { slack: env.ZICHT_ADMIN_SLACK_CHANNEL, teams: env.ZICHT_ADMIN_TEAMS_CHANNEL },
  });
  const scheduler = startScheduler(app.ctx, scheduleSettings(config), dispatcher);
  const url = `http://localhost:${running.port}/`;
  log.info({ url, platforms: config.platforms }, "Zicht is running");
  process.stdout.write(`Zicht draait op ${url}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests in flight");
    await running.stop();
    await scheduler.stop();
    for (const stop of stops) await stop();
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

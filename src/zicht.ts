import { type App, openApp } from "./app.ts";
import type { PlatformName } from "./cases/identity.ts";
import { type Config, scheduleSettings } from "./config.ts";
import { seedDemoIfEmpty } from "./demo.ts";
import { Dispatcher, type Sender } from "./jobs/outbox.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { log } from "./log.ts";
import { createLocalConsole } from "./platforms/local/console.ts";
import { createConsoleClock } from "./platforms/local/consoleClock.ts";
import type { ChatPlatform } from "./platforms/platform.ts";
import { createSlackPlatform } from "./platforms/slack/app.ts";
import { createSlackSender } from "./platforms/slack/sender.ts";
import { createTeamsPlatform } from "./platforms/teams/app.ts";
import { createTeamsSender } from "./platforms/teams/sender.ts";
import { ensurePortFree } from "./portCheck.ts";
import { type Route, startServer } from "./server.ts";

/**
 * Every platform call from the outbox is abandoned after this long: far under the outbox's 5-minute
 * claim lease, and it bounds shutdown (see SHUTDOWN_LIMIT_MS in main.ts).
 */
export const SEND_TIMEOUT_MS = 15_000;

export interface RunningZicht {
  app: App;
  port: number;
  url: string;
  /** Stops accepting requests, lets in-flight work finish, stops the jobs and closes the database. */
  stop(): Promise<void>;
}

/**
 * The whole assistant on one server: Slack and Teams when their credentials are set; with none,
 * the local console on localhost (driving the real Teams adapter) over the demo organisation.
 */
export async function startZicht(config: Config): Promise<RunningZicht> {
  const env = config.env;
  const consoleMode = !config.hasPlatformCredentials;
  const host = consoleMode ? "127.0.0.1" : undefined;
  await ensurePortFree(env.PORT, host);
  // Only the console may move its clock: with real platforms, today is today.
  const clock = consoleMode ? createConsoleClock() : null;
  const app = await openApp(config, clock?.now);
  if (consoleMode) await seedDemoIfEmpty(app);

  const chatPlatforms: ChatPlatform[] = [];
  const credentials = config.credentials;
  if (credentials.slack) {
    const slack = createSlackPlatform(app, { ...credentials.slack, apiUrl: env.SLACK_API_URL });
    chatPlatforms.push({
      name: "slack",
      ...slack,
      sender: createSlackSender(credentials.slack.botToken, {
        apiUrl: env.SLACK_API_URL,
        timeoutMs: SEND_TIMEOUT_MS,
        // A person's home shows what was just delivered to them.
        delivered: slack.refreshHome,
      }),
    });
  }
  const teamsCredentials = credentials.teams;
  let localConsole: Awaited<ReturnType<typeof createLocalConsole>> | null = null;
  if (teamsCredentials || consoleMode) {
    const teams = await createTeamsPlatform(
      app,
      teamsCredentials ?? { unauthenticated: true, door: "console" },
    );
    chatPlatforms.push({
      name: "teams",
      routes: teams.routes,
      sender: createTeamsSender(app.ctx, teams.chats.withTimeout(SEND_TIMEOUT_MS)),
      start: async () => {},
      stop: async () => {},
    });
  }
  const routes: Route[] = chatPlatforms.flatMap((p) => p.routes);
  const senders: Partial<Record<PlatformName, Sender>> = Object.fromEntries(
    chatPlatforms.map((p) => [p.name, p.sender]),
  );
  for (const p of chatPlatforms) await p.start();
  const platforms = consoleMode ? (["teams"] as const) : config.platforms;
  const dispatcher = new Dispatcher(app.database.db, {
    senders,
    adminChannels: { slack: env.ZICHT_ADMIN_SLACK_CHANNEL, teams: env.ZICHT_ADMIN_TEAMS_CHANNEL },
    sendTimeoutMs: SEND_TIMEOUT_MS + 2000,
    // The console is its own connector on localhost: no platform pace to keep.
    ...(consoleMode
      ? { pacePerTargetMs: 0, pacePerPlatformMs: { teams: 0 }, doors: { teams: "console" } }
      : {}),
  });
  const settings = { ...scheduleSettings(config), platforms: [...platforms] };
  if (consoleMode) {
    localConsole = createLocalConsole(app, { dispatcher, settings, clock: clock ?? createConsoleClock() });
    routes.push(...localConsole.routes);
  }
  // Without credentials nothing may be reachable from outside: the console listens on localhost only.
  const running = await startServer(app, routes, env.PORT, host);
  const url = `http://localhost:${running.port}/`;
  if (localConsole) await localConsole.attach(`http://127.0.0.1:${running.port}`);
  const scheduler = startScheduler(app.ctx, settings, dispatcher, clock?.now);
  log.info({ url, platforms, console: consoleMode }, "Zicht is running");
  return {
    app,
    port: running.port,
    url,
    stop: async () => {
      // The outbox stops claiming at once; requests and the message in flight finish meanwhile.
      await Promise.all([scheduler.stop(), running.stop()]);
      for (const p of chatPlatforms) await p.stop();
      await app.close();
    },
  };
}

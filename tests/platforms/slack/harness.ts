import type { Db } from "../../../db/client.ts";
import type { App } from "../../../src/app.ts";
import { createSlackPlatform, type SlackPlatform } from "../../../src/platforms/slack/app.ts";
import { type RunningServer, startServer } from "../../../src/server.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { demoApp } from "../../support/demoApp.ts";
import { FakeSlackApi, type SlackCall } from "../../support/fakeSlackApi.ts";
import { SIGNING_SECRET } from "../../support/slackRequests.ts";

/** The real Bolt receiver on a free port, a fake Slack API, and the demo organisation. */
export interface SlackHarness {
  url: string;
  fake: FakeSlackApi;
  db: Db;
  app: App;
  platform: SlackPlatform;
  slackId(code: string): Promise<string>;
  /** Waits until the fake has received a call that matches. */
  waitFor(method: string, match?: (c: SlackCall) => boolean, ms?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

export async function startSlackHarness(today: string, clock?: () => Date): Promise<SlackHarness> {
  const fake = await new FakeSlackApi().start();
  const { app, db, close } = await demoApp(today, clock);
  const slack = createSlackPlatform(app, {
    signingSecret: SIGNING_SECRET,
    botToken: "xoxb-test",
    apiUrl: `${fake.url}/api/`,
  });
  const server: RunningServer = await startServer(app, slack.routes, 0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${server.port}`,
    fake,
    db,
    app,
    platform: slack,
    slackId: async (code) => {
      const id = await accountIdOf(db, "slack", code);
      if (!id) throw new Error(`no slack id for ${code}`);
      return id;
    },
    waitFor: async (method, match = () => true, ms = 5000) => {
      const until = Date.now() + ms;
      for (;;) {
        const found = fake.callsTo(method).find(match);
        if (found) return found;
        if (Date.now() > until)
          throw new Error(`no ${method} call arrived; calls: ${fake.calls.map((c) => c.method).join(", ")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      await server.stop();
      await fake.stop();
      await close();
    },
  };
}

/** All text of a message or view, for assertions on what a person reads. */
export function textOf(body: Record<string, unknown>): string {
  return JSON.stringify(body.blocks ?? (body.view as { blocks?: unknown } | undefined)?.blocks ?? body)
    .replace(/\\n/g, "\n")
    .replace(/&amp;/g, "&");
}

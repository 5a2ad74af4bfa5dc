import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { people } from "../../../db/schema.ts";
import type { App } from "../../../src/app.ts";
import { createTeamsPlatform } from "../../../src/platforms/teams/app.ts";
import { startServer } from "../../../src/server.ts";
import { demoApp } from "../../support/demoApp.ts";
import { FakeConnector } from "../../support/fakeConnector.ts";

export interface TeamsHarness {
  url: string;
  connector: FakeConnector;
  db: Db;
  app: App;
  /** Posts a message activity as this person in their 1:1 chat; returns the HTTP status. */
  say(code: string, text: string, value?: Record<string, unknown>): Promise<number>;
  /** An Action.Execute invoke from this person; returns the invoke response body. */
  execute(
    code: string,
    data: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  conversation(code: string): string;
  /** Installs the app for this person (Teams sends installationUpdate), which stores their chat. */
  install(code: string): Promise<number>;
  /** The SDK app, for the outbox's Teams sender. */
  teams: Awaited<ReturnType<typeof createTeamsPlatform>>["teams"];
  /** Waits for a card to this person's chat containing `text`. */
  cardTo(code: string, text: string, ms?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startTeamsHarness(today: string): Promise<TeamsHarness> {
  const connector = await new FakeConnector().start();
  const { app, db, close } = await demoApp(today);
  const teams = await createTeamsPlatform(app, { unauthenticated: true });
  const server = await startServer(app, teams.routes, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${server.port}`;
  // Remembered per person: a test that holds the database must still be able to send activities.
  const aadIds = new Map<string, string>();
  const aad = async (code: string) => {
    const known = aadIds.get(code);
    if (known) return known;
    const [p] = await db.select({ teamsId: people.teamsId }).from(people).where(eq(people.code, code));
    const id = p?.teamsId ?? code;
    aadIds.set(code, id);
    return id;
  };
  const conversation = (code: string) => `a:chat-${code}`;
  let n = 0;
  const activity = async (code: string, extra: Record<string, unknown>) => ({
    id: `in-${++n}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.url,
    channelId: "msteams",
    from: { id: `29:${code}`, aadObjectId: await aad(code), name: code },
    recipient: { id: "28:zicht", name: "Zicht" },
    conversation: { id: conversation(code), conversationType: "personal", tenantId: "demo-tenant" },
    channelData: { tenant: { id: "demo-tenant" } },
    ...extra,
  });
  const postActivity = (body: unknown) =>
    fetch(`${url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  return {
    url,
    connector,
    teams: teams.teams,
    install: async (code) =>
      (await postActivity(await activity(code, { type: "installationUpdate", action: "add" }))).status,
    db,
    app,
    conversation,
    say: async (code, text, value) =>
      (await postActivity(await activity(code, { type: "message", text, ...(value ? { value } : {}) })))
        .status,
    execute: async (code, data) => {
      const res = await postActivity(
        await activity(code, {
          type: "invoke",
          name: "adaptiveCard/action",
          value: { action: { type: "Action.Execute", verb: data.zicht, data } },
        }),
      );
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    cardTo: async (code, text, ms = 5000) => {
      const until = Date.now() + ms;
      for (;;) {
        const found = connector.cardsTo(conversation(code)).find((c) => c.includes(text));
        if (found) return found;
        if (Date.now() > until)
          throw new Error(
            `no card with "${text}" to ${code}; got ${connector.cardsTo(conversation(code)).length} cards`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      await server.stop();
      await connector.stop();
      await close();
    },
  };
}

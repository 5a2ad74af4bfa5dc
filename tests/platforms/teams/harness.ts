import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { linkedAccounts, people } from "../../../db/schema.ts";
import type { App } from "../../../src/app.ts";
import { createTeamsPlatform } from "../../../src/platforms/teams/app.ts";
import { startServer } from "../../../src/server.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { demoApp } from "../../support/demoApp.ts";
import { FakeConnector } from "../../support/fakeConnector.ts";

/** Where a person writes: their 1:1 chat (the default), a team channel or a group chat. */
export type Place =
  | { kind: "personal" }
  | { kind: "channel"; id: string; teamId: string }
  | { kind: "groupChat"; id: string };

export const CRT_CHANNEL: Place = { kind: "channel", id: "19:demo-crt@thread.tacv2", teamId: "19:team-crt" };
export const GROUP_CHAT: Place = { kind: "groupChat", id: "19:groep-overleg@thread.v2" };

export interface TeamsHarness {
  url: string;
  connector: FakeConnector;
  db: Db;
  app: App;
  /**
   * Posts a message activity as this person in their 1:1 chat; returns the HTTP status. Given an
   * activity id, the same activity can be delivered again (a replay or a Bot Connector retry).
   */
  say(
    code: string,
    text: string,
    value?: Record<string, unknown>,
    place?: Place,
    activityId?: string,
  ): Promise<number>;
  /** An Action.Execute invoke from this person; returns the invoke response body. */
  execute(
    code: string,
    data: Record<string, unknown>,
    place?: Place,
    activityId?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  conversation(code: string): string;
  /** From now on this person's activities carry this Entra object id (e.g. someone not linked yet). */
  useAadId(code: string, aadObjectId: string): void;
  /** A task/fetch or task/submit invoke (Teams dialogs) from this person; returns the response body. */
  dialog(
    code: string,
    name: "task/fetch" | "task/submit",
    data: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  /**
   * Types a command that answers with a long form and opens it as Teams does: the chat gets a card
   * with "Formulier openen", which asks for the dialog. Returns the dialog's form card as JSON.
   */
  openForm(code: string, text: string): Promise<string>;
  /** A search in the message extension; returns the invoke response body. */
  search(code: string, zaaknummer: string): Promise<Record<string, unknown>>;
  /** Installs the app for this person (Teams sends installationUpdate), which stores their chat. */
  install(code: string, place?: Place): Promise<number>;
  /** People's 1:1 chats, for the outbox's Teams sender. */
  chats: Awaited<ReturnType<typeof createTeamsPlatform>>["chats"];
  /** Waits for a card to this person's chat containing `text`. */
  cardTo(code: string, text: string, ms?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startTeamsHarness(today: string, clock?: () => Date): Promise<TeamsHarness> {
  const { app, db, close } = await demoApp(today, clock);
  // Teams gives the same 1:1 chat whether the person opened it or Zicht created it.
  const everyone = await db
    .select({ code: people.code, teamsId: linkedAccounts.externalId })
    .from(people)
    .leftJoin(
      linkedAccounts,
      and(eq(linkedAccounts.personId, people.id), eq(linkedAccounts.platform, "teams")),
    );
  const codeOf = new Map(everyone.map((p) => [p.teamsId ?? p.code, p.code]));
  const connector = await new FakeConnector((member) => `a:chat-${codeOf.get(member) ?? member}`).start();
  const teams = await createTeamsPlatform(app, {
    unauthenticated: true,
    serviceUrl: connector.url,
    tenantId: "demo-tenant",
  });
  const server = await startServer(app, teams.routes, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${server.port}`;
  // Remembered per person: a test that holds the database must still be able to send activities.
  const aadIds = new Map<string, string>();
  const aad = async (code: string) => {
    const known = aadIds.get(code);
    if (known) return known;
    const id = (await accountIdOf(db, "teams", code)) ?? code;
    aadIds.set(code, id);
    return id;
  };
  const conversation = (code: string) => `a:chat-${code}`;
  let n = 0;
  const activity = async (
    code: string,
    extra: Record<string, unknown>,
    place: Place = { kind: "personal" },
    id = `in-${++n}`,
  ) => ({
    id,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.url,
    channelId: "msteams",
    from: { id: `29:${code}`, aadObjectId: await aad(code), name: code },
    recipient: { id: "28:zicht", name: "Zicht" },
    conversation:
      place.kind === "personal"
        ? { id: conversation(code), conversationType: "personal", tenantId: "demo-tenant" }
        : { id: place.id, conversationType: place.kind, tenantId: "demo-tenant", isGroup: true },
    channelData: {
      tenant: { id: "demo-tenant" },
      ...(place.kind === "channel" ? { team: { id: place.teamId }, channel: { id: place.id } } : {}),
    },
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
    useAadId: (code, aadObjectId) => {
      aadIds.set(code, aadObjectId);
      codeOf.set(aadObjectId, code);
    },
    chats: teams.chats,
    install: async (code, place) =>
      (await postActivity(await activity(code, { type: "installationUpdate", action: "add" }, place))).status,
    db,
    app,
    conversation,
    say: async (code, text, value, place, activityId) =>
      (
        await postActivity(
          await activity(code, { type: "message", text, ...(value ? { value } : {}) }, place, activityId),
        )
      ).status,
    execute: async (code, data, place, activityId) => {
      const res = await postActivity(
        await activity(
          code,
          {
            type: "invoke",
            name: "adaptiveCard/action",
            value: { action: { type: "Action.Execute", verb: data.zicht, data } },
          },
          place,
          activityId,
        ),
      );
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    dialog: async (code, name, data) => {
      const res = await postActivity(await activity(code, { type: "invoke", name, value: { data } }));
      const text = await res.text();
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    },
    openForm: async (code, text) => {
      const sent = connector.cardsTo(conversation(code)).length;
      await postActivity(await activity(code, { type: "message", text }));
      const until = Date.now() + 5000;
      while (connector.cardsTo(conversation(code)).length <= sent) {
        if (Date.now() > until) throw new Error(`no answer to "${text}"`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const launcher = JSON.parse(connector.cardsTo(conversation(code)).at(-1) ?? "{}") as {
        actions?: { title: string; data: Record<string, unknown> }[];
      };
      const open = launcher.actions?.find((a) => a.title === "Formulier openen");
      if (!open) throw new Error(`"${text}" opened no dialog: ${JSON.stringify(launcher)}`);
      const res = await postActivity(
        await activity(code, { type: "invoke", name: "task/fetch", value: { data: open.data } }),
      );
      const body = (await res.json()) as { task?: { value?: { card?: { content?: unknown } } } };
      return JSON.stringify(body.task?.value?.card?.content);
    },
    search: async (code, zaaknummer) => {
      const res = await postActivity(
        await activity(code, {
          type: "invoke",
          name: "composeExtension/query",
          value: { commandId: "zaakZoeken", parameters: [{ name: "zaaknummer", value: zaaknummer }] },
        }),
      );
      return (await res.json()) as Record<string, unknown>;
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

import type { IncomingMessage, ServerResponse } from "node:http";
import { App as TeamsApp } from "@microsoft/teams.apps";
import { runAction, runText, submitForm } from "../../../commands/dispatch.ts";
import type { App } from "../../app.ts";
import type { ActingPerson } from "../../cases/context.ts";
import { findPersonByPlatformId } from "../../cases/identity.ts";
import { rememberConversation } from "../../cases/teamsConversations.ts";
import { log, logUnexpected } from "../../log.ts";
import type { Route } from "../../server.ts";
import { unknownUserMessage } from "../../ui/messages.ts";
import { stillSavingMessage } from "../../ui/slowSubmitViews.ts";
import type { Reply } from "../../ui/view.ts";
import { TEAMS_INVOKE_BUDGET_MS, withinBudget } from "../answerBudget.ts";
import { type AdaptiveCard, type CardData, formCard, messageCard, readCardValues } from "./cards.ts";

export interface TeamsOptions {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /**
   * Local console only: accept activities without a Bot Framework token. Never together with
   * credentials, and only on a server bound to localhost.
   */
  unauthenticated?: boolean;
}

export interface TeamsPlatform {
  routes: Route[];
  /** The SDK app, for the outbox's proactive sends. */
  teams: TeamsApp;
}

type Handler = (request: {
  body: unknown;
  headers: Record<string, string | string[]>;
}) => Promise<{ status: number; body?: unknown }>;

const attachment = (content: AdaptiveCard) => ({
  type: "message" as const,
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content }],
});

export const replyActivity = (reply: Reply) =>
  attachment(reply.kind === "form" ? formCard(reply.form) : messageCard(reply.message));

/** The SDK's log lines go to our structured log. */
const teamsLogger = {
  error: (...m: unknown[]) => log.error({ teams: m.map(String).join(" ") }, "teams"),
  warn: (...m: unknown[]) => log.warn({ teams: m.map(String).join(" ") }, "teams"),
  info: () => {},
  debug: () => {},
  log: () => {},
  child: () => teamsLogger,
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

/**
 * Zicht as a Teams bot on the Teams SDK: commands typed in a chat, answers and forms as Adaptive
 * Cards, buttons as Action.Execute. The SDK authenticates inbound requests (Bot Framework JWT).
 */
export async function createTeamsPlatform(app: App, options: TeamsOptions): Promise<TeamsPlatform> {
  if (options.unauthenticated && options.clientId)
    throw new Error("Teams: refusing to skip authentication while credentials are configured");
  let handler: Handler | undefined;
  const adapter = {
    registerRoute(_method: "POST", path: string, h: Handler) {
      if (path === "/api/messages") handler = h;
    },
  };
  const teams = new TeamsApp({
    ...(options.clientId
      ? { clientId: options.clientId, clientSecret: options.clientSecret, tenantId: options.tenantId }
      : {}),
    httpServerAdapter: adapter,
    messagingEndpoint: "/api/messages",
    dangerouslyAllowUnauthenticatedRequests: Boolean(options.unauthenticated),
    activity: { mentions: { stripText: true } },
    logger: teamsLogger as never,
  });
  const ctx = app.ctx;

  async function who(activity: { from: { aadObjectId?: string; id: string } }): Promise<ActingPerson | null> {
    const id = activity.from.aadObjectId ?? activity.from.id;
    return findPersonByPlatformId(ctx, "teams", id);
  }

  async function remember(
    person: ActingPerson,
    activity: { conversation: { id: string; conversationType?: string }; serviceUrl?: string },
  ) {
    if (activity.conversation.conversationType !== "personal" || !activity.serviceUrl) return;
    await rememberConversation(ctx, person.id, activity.conversation.id, activity.serviceUrl);
  }

  /** A card's button or submit (Action.Execute invoke, or Action.Submit as a message). */
  async function onCardData(
    person: ActingPerson,
    data: CardData & Record<string, unknown>,
  ): Promise<AdaptiveCard> {
    if (data.zicht === "submit") {
      const values = readCardValues(data);
      const reply = await submitForm(ctx, person, "teams", data.id, values, data.value);
      if (reply.kind === "errors") {
        return reply.form ? formCard(reply.form, values, reply.errors) : messageCard(unknownUserMessage());
      }
      return reply.kind === "form" ? formCard(reply.form) : messageCard(reply.message);
    }
    const reply = await runAction(ctx, person, "teams", data.id, data.value);
    return reply.kind === "form" ? formCard(reply.form) : messageCard(reply.message);
  }

  teams.on("install.add", async ({ activity }) => {
    const person = await who(activity as never);
    if (person) await remember(person, activity as never);
  });

  teams.on("message", async ({ activity, send }) => {
    const person = await who(activity);
    if (!person) return void (await send(attachment(messageCard(unknownUserMessage()))));
    await remember(person, activity as never);
    const value = (activity as { value?: CardData & Record<string, unknown> }).value;
    if (value?.zicht) return void (await send(attachment(await onCardData(person, value))));
    const reply = await runText(ctx, person, "teams", activity.text ?? "");
    await send(replyActivity(reply));
  });

  teams.on("card.action", async ({ activity, send }) => {
    const data = (activity.value?.action?.data ?? {}) as CardData & Record<string, unknown>;
    const work = (async () => {
      const person = await who(activity as never);
      return person ? await onCardData(person, data) : messageCard(unknownUserMessage());
    })();
    // Teams shows an error when an invoke is not answered in time, although the work goes on: past
    // the budget the card says "still working" and the outcome follows as a new message.
    const inTime = await withinBudget(work, TEAMS_INVOKE_BUDGET_MS);
    if (inTime === null) {
      void work
        .then((late) => send(attachment(late)))
        .catch((err) => logUnexpected(err, { teams: "late card action" }));
      const note = messageCard(stillSavingMessage(data.zicht === "submit" ? "form" : "action"));
      return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: note } as never;
    }
    const content = inTime;
    // A button on a shared card (the digest) answers the presser in a new message; a form's own
    // card is replaced by its outcome.
    if (data.zicht === "action") {
      await send(attachment(content));
      return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "OK" } as never;
    }
    return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: content } as never;
  });

  await teams.initialize();
  const route: Route = {
    method: "POST",
    path: "/api/messages",
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      if (!handler) throw new Error("Teams SDK registered no /api/messages handler");
      let body: unknown;
      try {
        body = await readJson(req);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const answer = await handler({ body, headers: req.headers as Record<string, string | string[]> });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    },
  };
  return { routes: [route], teams };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type ActivityLike,
  type AdaptiveCardActionResponse,
  type ConversationAccount,
  cardAttachment,
  type TaskModuleResponse,
} from "@microsoft/teams.api";
import { App as TeamsApp } from "@microsoft/teams.apps";
import { z } from "zod";
import { runAction, runText, submitForm } from "../../../commands/dispatch.ts";
import { isDatabaseUnavailable } from "../../../db/unavailable.ts";
import type { App } from "../../app.ts";
import type { ActingPerson } from "../../cases/context.ts";
import { firstDelivery } from "../../cases/deliveries.ts";
import { searchCaseCarriers } from "../../cases/handoverLookup.ts";
import { logUnexpected } from "../../log.ts";
import type { Route } from "../../server.ts";
import { mijnButtons } from "../../ui/controls/mijn.ts";
import {
  alreadyDoneMessage,
  errorMessage,
  failureMessage,
  PRIVATE_ANSWER_FAILED,
  PRIVATE_ANSWER_HERE,
  PRIVATE_ANSWER_NOTE,
  unknownUserMessage,
} from "../../ui/messages.ts";
import { foundCaseLine, foundCaseMessage } from "../../ui/searchView.ts";
import { stillSavingMessage } from "../../ui/slowSubmitViews.ts";
import type { Reply } from "../../ui/view.ts";
import { teamWelcomeText, welcomeMessage } from "../../ui/welcomeView.ts";
import { TEAMS_INVOKE_BUDGET_MS, withinBudget } from "../answerBudget.ts";
import { recognise } from "../firstContact.ts";
import {
  type AdaptiveCard,
  type CardData,
  type DialogSource,
  dialogLauncherCard,
  formCard,
  messageCard,
  readCardValues,
} from "./cards.ts";
import { infoPages } from "./pages.ts";
import { PersonalChats, rememberChat } from "./personalChat.ts";
import { sdkLogger, withRequestLog } from "./sdkLog.ts";
import { findCaseByNumber } from "./search.ts";
import { type Member, TargetedMessages } from "./targeted.ts";

export interface TeamsOptions {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /** The Bot Connector for conversations Zicht has no activity of yet (tests; default Teams' global one). */
  serviceUrl?: string;
  /**
   * Local console only: accept activities without a Bot Framework token. Never together with
   * credentials, and only on a server bound to localhost.
   */
  unauthenticated?: boolean;
  /**
   * The door the read log names: the local console drives this same adapter, but a privacy officer
   * must be able to tell its reads (demo data on someone's laptop) from reads in Teams.
   */
  door?: "teams" | "console";
}

export interface TeamsPlatform {
  routes: Route[];
  /** The SDK app. */
  teams: TeamsApp;
  /** People's 1:1 chats with Zicht, for private answers and the outbox's proactive sends. */
  chats: PersonalChats;
}

/** The SDK's send for the conversation an activity came from. */
type SendInConversation = (activity: ActivityLike) => Promise<unknown>;

type Handler = (request: {
  body: unknown;
  headers: Record<string, string | string[]>;
}) => Promise<{ status: number; body?: unknown }>;

const attachment = (content: AdaptiveCard) => ({
  type: "message" as const,
  attachments: [cardAttachment("adaptive", content)],
});

export const replyActivity = (reply: Reply) => attachment(replyCard(reply));

/** Who sees a card Zicht answers with: a view that stays current (the home) refreshes for them only. */
type Viewer = string | undefined;

/** What Zicht reads of an inbound activity. */
interface Incoming {
  from: Member;
  conversation: ConversationAccount;
  serviceUrl?: string;
  channelData?: { tenant?: { id?: string } };
}

/** A channel or a group chat: every member would see an answer posted there. */
const isShared = (activity: Incoming) => activity.conversation.conversationType !== "personal";

/** What a card Zicht made carries back; anything else is refused with the error card. */
const cardDataSchema = z
  .object({
    zicht: z.enum(["action", "submit"]),
    id: z.string().min(1).max(200),
    value: z.string().max(4000).default(""),
    multi: z.array(z.string()).optional(),
    anywhere: z.boolean().optional(),
    pick: z.string().max(40).optional(),
  })
  .catchall(z.unknown()) satisfies z.ZodType<CardData>;

/** A reply as a card in the chat; a long form is a button that opens it as a dialog. */
const replyCard = (reply: Reply, source?: DialogSource, viewer?: Viewer) =>
  reply.kind === "form"
    ? reply.form.long && source
      ? dialogLauncherCard(reply.form, source)
      : formCard(reply.form)
    : messageCard(reply.message, { viewer });

const dialogSourceSchema = z.discriminatedUnion("via", [
  z.object({ zicht: z.literal("dialog"), via: z.literal("text"), text: z.string().max(500) }),
  z.object({
    zicht: z.literal("dialog"),
    via: z.literal("action"),
    id: z.string().min(1),
    value: z.string(),
  }),
]);

/** An invoke answered with a card that takes the pressed card's place. */
const cardResponse = (card: AdaptiveCard): AdaptiveCardActionResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.card.adaptive",
  value: card,
});

const messageResponse = (text: string): AdaptiveCardActionResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.activity.message",
  value: text,
});

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
    ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
    httpServerAdapter: adapter,
    messagingEndpoint: "/api/messages",
    dangerouslyAllowUnauthenticatedRequests: Boolean(options.unauthenticated),
    activity: { mentions: { stripText: true } },
    logger: sdkLogger,
  });
  const ctx = app.ctx;
  const door = options.door ?? "teams";
  const chats = new PersonalChats(ctx, teams, options.tenantId);

  /**
   * The person behind an activity, by their Entra object id. Someone not linked yet is linked on
   * first contact by the e-mail address and UPN Teams gives for them (the SDK's member lookup).
   */
  async function who(activity: Incoming): Promise<ActingPerson | null> {
    const id = activity.from.aadObjectId ?? activity.from.id;
    return recognise(ctx, "teams", id, async () => {
      const serviceUrl = activity.serviceUrl;
      // Without an Entra object id the account could not be reached proactively: not linked.
      if (!serviceUrl || !activity.from.aadObjectId) return [];
      const member = await chats.member(serviceUrl, activity.conversation.id, activity.from.id);
      if (member.aadObjectId && member.aadObjectId !== activity.from.aadObjectId) return [];
      return [member.email, member.userPrincipalName];
    });
  }

  async function remember(person: ActingPerson, activity: Incoming) {
    if (activity.conversation.conversationType !== "personal" || !activity.serviceUrl) return;
    await rememberChat(ctx, person.id, {
      conversationId: activity.conversation.id,
      serviceUrl: activity.serviceUrl,
    });
  }

  const targeted = new TargetedMessages();

  /**
   * False for an activity already handled: the Bot Connector retries one it got no answer to in
   * time, and a captured one can be replayed; both carry the first one's id (per conversation).
   */
  const firstTime = (activity: { id?: string; conversation: { id: string } }) =>
    !activity.id || firstDelivery(ctx, `teams:${activity.conversation.id}:${activity.id}`);

  /**
   * In a channel or group chat nothing about a case is shown to the conversation (domain.md §3). The
   * answer is a targeted message there, seen by the person only, where Teams takes them ("here");
   * else it goes to the person's 1:1 chat with Zicht, opened now if need be ("chat").
   */
  async function answerPrivately(
    person: ActingPerson,
    activity: Incoming,
    card: AdaptiveCard,
    send: SendInConversation,
  ): Promise<"here" | "chat" | "failed"> {
    // Teams has no targeted messages in a 1:1 chat (a search result pressed there comes here too).
    if (isShared(activity) && targeted.available) {
      try {
        await send(targeted.activity(activity.from, card));
        return "here";
      } catch (err) {
        targeted.failed(err);
        logUnexpected(err, { person: person.code, what: "targeted answer, trying the 1:1 chat" });
      }
    }
    try {
      const chat = await chats.of({
        personId: person.id,
        userId: activity.from.aadObjectId ?? activity.from.id,
        serviceUrl: activity.serviceUrl,
        tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id,
      });
      await chats.post(chat, attachment(card));
      return "chat";
    } catch (err) {
      logUnexpected(err, { person: person.code, what: "private answer" });
      return "failed";
    }
  }

  /** A card's button or submit (Action.Execute invoke, or Action.Submit as a message). */
  async function onCardData(person: ActingPerson, raw: unknown, viewer?: Viewer): Promise<AdaptiveCard> {
    const parsed = cardDataSchema.safeParse(raw);
    // A card Zicht did not make (or one mangled on the way): the error card, never an HTTP 500.
    if (!parsed.success)
      return messageCard(
        errorMessage(logUnexpected(new Error("malformed card action"), { person: person.code })),
      );
    const data = parsed.data;
    if (data.zicht === "submit") {
      const values = readCardValues(data);
      const reply = await submitForm(ctx, person, door, data.id, values, data.value);
      if (reply.kind === "errors") {
        return reply.form ? formCard(reply.form, values, reply.errors) : messageCard(unknownUserMessage());
      }
      return reply.kind === "form" ? formCard(reply.form) : messageCard(reply.message);
    }
    // A long list's picker: the value is the case chosen in the card's input of that name.
    const value = data.pick ? String(data[data.pick] ?? "") : data.value;
    const reply = await runAction(ctx, person, door, data.id, value);
    return replyCard(reply, { via: "action", id: data.id, value }, viewer);
  }

  /** A long form in a Teams dialog: the card for the dialog, or null when the answer is a message. */
  async function dialogStep(
    person: ActingPerson,
    raw: unknown,
  ): Promise<AdaptiveCard | { done: AdaptiveCard }> {
    const source = dialogSourceSchema.safeParse(raw);
    if (source.success) {
      const s = source.data;
      const reply =
        s.via === "text"
          ? await runText(ctx, person, door, s.text)
          : await runAction(ctx, person, door, s.id, s.value);
      return reply.kind === "form"
        ? formCard(reply.form, undefined, {}, "dialog")
        : { done: messageCard(reply.message) };
    }
    const parsed = cardDataSchema.safeParse(raw);
    if (!parsed.success || parsed.data.zicht !== "submit")
      return {
        done: messageCard(
          errorMessage(logUnexpected(new Error("malformed dialog data"), { person: person.code })),
        ),
      };
    const data = parsed.data;
    const values = readCardValues(data);
    const reply = await submitForm(ctx, person, door, data.id, values, data.value);
    if (reply.kind === "errors")
      return reply.form
        ? formCard(reply.form, values, reply.errors, "dialog")
        : { done: messageCard(unknownUserMessage()) };
    return reply.kind === "form"
      ? formCard(reply.form, undefined, {}, "dialog")
      : { done: messageCard(reply.message) };
  }

  const dialogAnswer = (card: AdaptiveCard, title: string): TaskModuleResponse => ({
    task: {
      type: "continue",
      value: { title, width: "large", height: "large", card: cardAttachment("adaptive", card) },
    },
  });

  // Teams asks for a long form's dialog (task/fetch), then sends what was filled in (task/submit).
  // Errors come back in the dialog; the outcome closes it and lands in the person's chat.
  teams.on("dialog.open", async ({ activity, send }) => {
    const person = await who(activity);
    if (!person) return void (await send(attachment(messageCard(unknownUserMessage()))));
    const step = await dialogStep(person, activity.value.data);
    if ("done" in step) return void (await send(attachment(step.done)));
    return dialogAnswer(step, "Zicht");
  });

  teams.on("dialog.submit", async ({ activity, send }) => {
    const person = await who(activity);
    if (!person) return void (await send(attachment(messageCard(unknownUserMessage()))));
    if (!(await firstTime(activity))) return void (await send(attachment(messageCard(alreadyDoneMessage()))));
    const step = await dialogStep(person, activity.value.data);
    if ("done" in step) return void (await send(attachment(step.done)));
    return dialogAnswer(step, "Zicht");
  });

  teams.on("install.add", async ({ activity, send }) => {
    if (isShared(activity)) return void (await send({ type: "message", text: teamWelcomeText }));
    const person = await who(activity);
    if (!person) return void (await send(attachment(messageCard(welcomeMessage(null)))));
    await remember(person, activity);
    // The welcome with the person's home under it, kept current by Teams' refresh for them.
    const home = await runAction(ctx, person, door, mijnButtons.verversen.id, "welkom");
    const shown = home.kind === "message" ? home.message : welcomeMessage(person.role);
    await send(attachment(messageCard(shown, { viewer: activity.from.id })));
  });

  teams.on("message", async ({ activity, send }) => {
    try {
      if (!(await firstTime(activity))) return;
      const person = await who(activity);
      if (!person) return void (await send(attachment(messageCard(unknownUserMessage()))));
      await remember(person, activity);
      const value = (activity as { value?: unknown }).value;
      const card =
        value && typeof value === "object" && "zicht" in value
          ? await onCardData(person, value, activity.from.id)
          : replyCard(
              await runText(ctx, person, door, activity.text ?? ""),
              { via: "text", text: (activity.text ?? "").slice(0, 500) },
              activity.from.id,
            );
      if (!isShared(activity)) return void (await send(attachment(card)));
      const answered = await answerPrivately(person, activity, card, send);
      // A targeted answer needs no word to the others; else one line that says where it went.
      if (answered !== "here")
        await send({
          type: "message",
          text: answered === "chat" ? PRIVATE_ANSWER_NOTE : PRIVATE_ANSWER_FAILED,
        });
    } catch (err) {
      // The person must still hear something (e.g. the database is away), with a reference.
      const reference = logUnexpected(err, { teams: "message" });
      await send(attachment(messageCard(failureMessage(isDatabaseUnavailable(err), reference))));
    }
  });

  teams.on("card.action", async ({ activity, send }): Promise<AdaptiveCardActionResponse> => {
    const data: unknown = activity.value?.action?.data;
    const acting: { person: ActingPerson | null } = { person: null };
    const work = (async () => {
      acting.person = await who(activity);
      if (!acting.person) return messageCard(unknownUserMessage());
      // Inside the budget: a repeat is recognised without making Teams wait past its limit.
      if (!(await firstTime(activity))) return messageCard(alreadyDoneMessage());
      return await onCardData(acting.person, data, activity.from.id);
    })();
    // Teams shows an error when an invoke is not answered in time, although the work goes on: past
    // the budget the card says "still working" and the outcome follows as a new message.
    const inTime = await withinBudget(work, TEAMS_INVOKE_BUDGET_MS);
    if (inTime === null) {
      void work
        .then(async (late) => {
          const person = acting.person;
          if (person && isShared(activity)) await answerPrivately(person, activity, late, send);
          else await send(attachment(late));
        })
        .catch((err) => logUnexpected(err, { teams: "late card action" }));
      const isButton = cardDataSchema.safeParse(data).data?.zicht === "action";
      const note = messageCard(stillSavingMessage(isButton ? "action" : "form"));
      return cardResponse(note);
    }
    const content = inTime;
    const person = acting.person;
    const anywhere = cardDataSchema.safeParse(data).data?.anywhere === true;
    if (person && (isShared(activity) || anywhere)) {
      // The invoke answer would replace the channel's card for everyone: the presser gets a private
      // answer, and only they see the short status text.
      const answered = await answerPrivately(person, activity, content, send);
      return messageResponse(
        answered === "here"
          ? PRIVATE_ANSWER_HERE
          : answered === "chat"
            ? PRIVATE_ANSWER_NOTE
            : PRIVATE_ANSWER_FAILED,
      );
    }
    // In the person's own chat the answer takes the pressed card's place: a reminder marked done
    // can no longer be pressed, a form is replaced by its outcome.
    return cardResponse(content);
  });

  // A picker's type-ahead (Input.ChoiceSet with Data.Query): the rest of a long list, by what is typed.
  teams.on("card.search", async ({ activity }) => {
    const person = await who(activity);
    const { dataset, queryText, queryOptions } = activity.value;
    const results =
      person && dataset === "caseCarriers"
        ? (
            await searchCaseCarriers(ctx, queryText ?? "", queryOptions?.top ?? 15, queryOptions?.skip ?? 0)
          ).map((p) => ({ title: `${p.name} (${p.team})`, value: p.code }))
        : [];
    return { statusCode: 200, type: "application/vnd.microsoft.search.searchResponse", value: { results } };
  });

  // Search (a message extension): find a case by zaaknummer. The results list is the searcher's
  // own; what they insert into a conversation carries only what a channel may show.
  teams.on("message.ext.query", async ({ activity }) => {
    const person = await who(activity);
    const typed = activity.value.parameters?.find((p) => p.name === "zaaknummer")?.value;
    const zaaknummer = typeof typed === "string" ? typed.trim() : "";
    if (!person) return { composeExtension: { type: "message", text: unknownUserMessage().summary } };
    const found = await findCaseByNumber(ctx, person, zaaknummer, door);
    if (!found.ok) return { composeExtension: { type: "message", text: found.message } };
    return {
      composeExtension: {
        type: "result",
        attachmentLayout: "list",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            content: messageCard(foundCaseMessage(found.value), { anywhere: true }),
            preview: {
              contentType: "application/vnd.microsoft.card.thumbnail",
              content: { title: `Zaak ${found.value.zaaknummer}`, text: foundCaseLine(found.value) },
            },
          },
        ],
      },
    };
  });

  await teams.initialize();
  const route: Route = {
    method: "POST",
    path: "/api/messages",
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      if (!handler) throw new Error("Teams SDK registered no /api/messages handler");
      const sdk = handler;
      const answer = await withRequestLog({ path: "/api/messages" }, async () => {
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          sdkLogger.warn("body is not JSON");
          return { status: 400, body: undefined };
        }
        return sdk({ body, headers: req.headers as Record<string, string | string[]> });
      });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    },
  };
  return { routes: [route, ...infoPages], teams, chats };
}

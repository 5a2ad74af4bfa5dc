import { createHash } from "node:crypto";
import { App as Bolt, HTTPReceiver, LogLevel, SocketModeReceiver, type webApi } from "@slack/bolt";
import { runAction, runText, submitForm } from "../../../commands/dispatch.ts";
import { isDatabaseUnavailable } from "../../../db/unavailable.ts";
import type { App } from "../../app.ts";
import { firstDelivery } from "../../cases/deliveries.ts";
import { log, logUnexpected } from "../../log.ts";
import type { Route } from "../../server.ts";
import { mijnButtons } from "../../ui/controls/mijn.ts";
import { unknownHomeMessage } from "../../ui/homeView.ts";
import { alreadyDoneMessage, failureMessage, unknownUserMessage } from "../../ui/messages.ts";
import { notSavedMessage, stillSavingMessage } from "../../ui/slowSubmitViews.ts";
import type { Message, SubmitReply } from "../../ui/view.ts";
import { SLACK_SUBMIT_BUDGET_MS, withinBudget } from "../answerBudget.ts";
import { recognise } from "../firstContact.ts";
import {
  homeView,
  isOnceAction,
  messageModal,
  ourActionId,
  readModalState,
  renderMessage,
  renderModal,
} from "./blocks.ts";
import { homeRefresher } from "./homeRefresh.ts";
import { imagesOf, uploadImages } from "./images.ts";
import { slackReplayGuard } from "./replayGuard.ts";
import { readValues, slackErrors } from "./values.ts";

export interface SlackOptions {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl?: string;
}

export interface SlackPlatform {
  /** POST /slack/events on the one server (none in Socket Mode). */
  routes: Route[];
  /**
   * Publishes this Slack user's home again, best effort and in the background: after the outbox
   * delivered them something (a reminder, a handover to decide, a decision on their case).
   */
  refreshHome(userId: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bolt's log lines go to our structured log. */
const boltLogger = {
  debug: () => {},
  info: () => {},
  warn: (...msg: unknown[]) => {
    const text = msg.map(String).join(" ");
    // A refused signature is counted in the server's refused-requests summary, not logged per request.
    if (text.startsWith("Failed to parse and verify the request data")) return;
    log.warn({ slack: text }, "slack");
  },
  error: (...msg: unknown[]) => log.error({ slack: msg.map(String).join(" ") }, "slack"),
  setLevel: () => {},
  getLevel: () => LogLevel.WARN,
  setName: () => {},
};

/** Changes within this time reach an open App Home in one publish. */
const HOME_REFRESH_GAP_MS = 1500;
/** A home opened this long ago may still be on screen, so it is kept current. */
const HOME_OPEN_FOR_MS = 30 * 60_000;

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Zicht as a Slack app: one /zicht command, its forms as modals, buttons as block actions. Every
 * answer with case details goes to the requester only (ephemeral or a DM).
 */
export function createSlackPlatform(app: App, options: SlackOptions): SlackPlatform {
  const receiver = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger: boltLogger })
    : new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: "/slack/events",
        logger: boltLogger,
      });
  const bolt = new Bolt({
    token: options.botToken,
    receiver,
    logger: boltLogger,
    ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
  });
  const ctx = app.ctx;
  /**
   * The person behind a Slack user. Someone not linked yet is linked on first contact by the e-mail
   * address of their Slack profile (scope users:read.email), if the people CSV holds it.
   */
  const person = (userId: string) =>
    recognise(ctx, "slack", userId, async () => {
      const info = await bolt.client.users.info({ user: userId });
      return info.user?.deleted || info.user?.is_bot ? [] : [info.user?.profile?.email];
    });
  /** An unexpected error as the person's answer, with a reference that is also in the log. */
  const failure = (err: unknown, what: Record<string, unknown>) =>
    failureMessage(isDatabaseUnavailable(err), logUnexpected(err, what));

  /** The person's App Home as it is now; someone Zicht does not know gets a polite home without cases. */
  async function publishHome(userId: string): Promise<void> {
    const who = await person(userId);
    const reply = who ? await runAction(ctx, who, "slack", mijnButtons.verversen.id, "") : null;
    const view = homeView(reply?.kind === "message" ? reply.message : unknownHomeMessage());
    await bolt.client.views.publish({ user_id: userId, view });
  }

  /**
   * After a change the person made, their home shows it: best effort and after the answer, so a
   * slow or failing publish never holds up or spoils what they asked for.
   */
  const homes = homeRefresher(
    async (userId) => {
      try {
        await publishHome(userId);
      } catch (err) {
        logUnexpected(err, { slack: "home refresh" });
      }
    },
    HOME_REFRESH_GAP_MS,
    HOME_OPEN_FOR_MS,
  );
  const refreshHome = (userId: string) => homes.refresh(userId);

  bolt.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    homes.opened(event.user);
    try {
      await publishHome(event.user);
    } catch (err) {
      logUnexpected(err, { slack: "app_home_opened" });
    }
  });

  /**
   * A chart cannot ride in an ephemeral answer; it goes to the person's direct messages with Zicht,
   * so a chart asked for in a channel is still seen by them only. The figures are already answered:
   * a failed upload is logged, not reported as a failed command.
   */
  async function sendImages(client: webApi.WebClient, userId: string, message: Message) {
    if (imagesOf(message).length === 0) return;
    try {
      const dm = await client.conversations.open({ users: userId });
      if (!dm.channel?.id) throw new Error("Slack opened no direct message channel");
      await uploadImages(client, dm.channel.id, message);
    } catch (err) {
      logUnexpected(err, { what: "chart upload" });
    }
  }

  bolt.command("/zicht", async ({ ack, body, client, respond }) => {
    // Acknowledge first: Slack gives three seconds, the work goes on after.
    await ack();
    try {
      if (!(await firstDelivery(ctx, `slack:command:${body.trigger_id}`))) return;
      const who = await person(body.user_id);
      if (!who)
        return void (await respond({ response_type: "ephemeral", ...renderMessage(unknownUserMessage()) }));
      const reply = await runText(ctx, who, "slack", body.text ?? "");
      if (reply.kind === "form")
        await client.views.open({ trigger_id: body.trigger_id, view: renderModal(reply.form) });
      else {
        await respond({ response_type: "ephemeral", ...renderMessage(reply.message) });
        await sendImages(client, body.user_id, reply.message);
      }
    } catch (err) {
      // Acknowledged, so the person must still hear something (e.g. the database is away).
      await respond({ response_type: "ephemeral", ...renderMessage(failure(err, { command: "/zicht" })) });
    }
  });

  bolt.view("zicht_form", async ({ ack, body, view, client }) => {
    const blockIds = view.blocks.flatMap((b) => (b.type === "input" && b.block_id ? [b.block_id] : []));
    const meta = readModalState(view.private_metadata);
    const values = readValues(view.state.values);
    const trigger = (body as { trigger_id?: string }).trigger_id ?? view.hash;
    const work = (async (): Promise<SubmitReply | "unknown" | "repeat"> => {
      const who = await person(body.user.id);
      if (!who) return "unknown";
      // A replayed or retried submission was handled the first time: it is not run again.
      if (!(await firstDelivery(ctx, `slack:view:${trigger}`))) return "repeat";
      return submitForm(ctx, who, "slack", meta.formId, values, meta.state);
    })();
    /** An unexpected error (e.g. the database is away) as the answer, with its reference. */
    const failed = (err: unknown) => failure(err, { view: "zicht_form" });
    // The answer to a submission is its ack (errors stay at their fields), but Slack waits only 3 s:
    // when the database is slower than that, the ack goes out anyway and the outcome follows.
    let reply: Awaited<typeof work> | null;
    try {
      reply = await withinBudget(work, SLACK_SUBMIT_BUDGET_MS);
    } catch (err) {
      const msg = failed(err);
      const text = msg.blocks.map((b) => ("text" in b ? b.text : "")).join(" ") || msg.summary;
      return void (await ack({ response_action: "errors", errors: slackErrors({ _: text }, blockIds) }));
    }
    if (reply === null) {
      await ack({ response_action: "update", view: messageModal(stillSavingMessage()) });
      const late = await work.catch((err: unknown) => ({ kind: "message" as const, message: failed(err) }));
      if (late === "repeat") return;
      const outcome =
        late === "unknown"
          ? unknownUserMessage()
          : late.kind === "errors"
            ? notSavedMessage(late.errors, late.form)
            : late.kind === "message"
              ? late.message
              : null;
      if (outcome) await client.chat.postMessage({ channel: body.user.id, ...renderMessage(outcome) });
      else if (late !== "unknown" && late.kind === "form")
        await client.views.update({ view_id: body.view.id, view: renderModal(late.form) });
      return;
    }
    if (reply === "repeat") return void (await ack());
    if (reply === "unknown") {
      return void (await ack({
        response_action: "errors",
        errors: slackErrors({ _: unknownUserMessage().summary }, blockIds),
      }));
    }
    if (reply.kind === "errors")
      return void (await ack({ response_action: "errors", errors: slackErrors(reply.errors, blockIds) }));
    if (reply.kind === "form")
      return void (await ack({ response_action: "update", view: renderModal(reply.form) }));
    await ack();
    await client.chat.postMessage({ channel: body.user.id, ...renderMessage(reply.message) });
    refreshHome(body.user.id);
  });

  bolt.action(/.+/, async ({ ack, body, action, client, respond }) => {
    await ack();
    const pressed = action as {
      action_id: string;
      value?: string;
      type: string;
      action_ts?: string;
      selected_option?: { value?: string };
    };
    // A button carries its value; a long list's case picker carries the case that was chosen.
    if (pressed.type !== "button" && pressed.type !== "static_select") return;
    const a = { ...pressed, value: pressed.value ?? pressed.selected_option?.value };
    const trigger = (body as { trigger_id?: string }).trigger_id ?? a.action_ts;
    if (!(await firstDelivery(ctx, `slack:action:${trigger}:${a.action_id}`))) return;
    let reply: Awaited<ReturnType<typeof runAction>>;
    try {
      const who = await person(body.user.id);
      const id = ourActionId(a.action_id);
      const again =
        who &&
        isOnceAction(a.action_id) &&
        !(await firstDelivery(ctx, `slack-press:${who.id}:${id}:${hashOf(a.value ?? "")}`));
      reply = !who
        ? ({ kind: "message", message: unknownUserMessage() } as const)
        : again
          ? ({ kind: "message", message: alreadyDoneMessage() } as const)
          : await runAction(ctx, who, "slack", id, a.value ?? "");
    } catch (err) {
      reply = { kind: "message", message: failure(err, { action: a.action_id }) };
    }
    const b = body as {
      trigger_id?: string;
      view?: { type?: string };
      response_url?: string;
      user: { id: string };
    };
    const id = ourActionId(a.action_id);
    // A press on the home tab: the person is looking at it now.
    if (b.view?.type === "home") homes.opened(b.user.id);
    if (reply.kind === "form") {
      const args = { trigger_id: b.trigger_id ?? "", view: renderModal(reply.form) };
      // Pressed inside a modal: the form goes on top of it; from a message or the home tab: a new modal.
      if (b.view?.type === "modal") await client.views.push(args);
      else await client.views.open(args);
    } else if (b.view?.type === "home") {
      // Pressed on the App Home: the home redraws itself; anything else opens over it.
      if (id === mijnButtons.verversen.id)
        await client.views.publish({ user_id: b.user.id, view: homeView(reply.message) });
      else await client.views.open({ trigger_id: b.trigger_id ?? "", view: messageModal(reply.message) });
    } else if (b.response_url) {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(reply.message) });
    } else {
      await client.chat.postMessage({ channel: b.user.id, ...renderMessage(reply.message) });
    }
    // A press that records something by itself changed a case: the home follows.
    if (isOnceAction(a.action_id)) refreshHome(b.user.id);
  });

  bolt.error(async (err) => {
    log.error({ err }, "slack listener failed");
  });

  const http = receiver instanceof HTTPReceiver ? receiver : null;
  return {
    refreshHome,
    routes: http
      ? [
          {
            method: "POST",
            path: "/slack/events",
            handler: slackReplayGuard((req, res) => http.requestListener(req, res)),
          },
        ]
      : [],
    start: async () => {
      if (!http) await bolt.start();
    },
    stop: async () => {
      homes.stop();
      if (!http) await bolt.stop();
    },
  };
}

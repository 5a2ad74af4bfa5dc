import { createHash } from "node:crypto";
import { App as Bolt, HTTPReceiver, LogLevel, SocketModeReceiver, type webApi } from "@slack/bolt";
import { runAction, runText, submitForm } from "../../../commands/dispatch.ts";
import { isDatabaseUnavailable } from "../../../db/unavailable.ts";
import type { App } from "../../app.ts";
import { firstDelivery } from "../../cases/deliveries.ts";
import { findPersonByPlatformId } from "../../cases/identity.ts";
import { log, logUnexpected } from "../../log.ts";
import type { Route } from "../../server.ts";
import { alreadyDoneMessage, failureMessage, unknownUserMessage } from "../../ui/messages.ts";
import { notSavedMessage, stillSavingMessage } from "../../ui/slowSubmitViews.ts";
import type { Message, SubmitReply } from "../../ui/view.ts";
import { SLACK_SUBMIT_BUDGET_MS, withinBudget } from "../answerBudget.ts";
import {
  isOnceAction,
  type ModalState,
  messageModal,
  ourActionId,
  renderMessage,
  renderModal,
} from "./blocks.ts";
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
  const person = (userId: string) => findPersonByPlatformId(ctx, "slack", userId);
  /** An unexpected error as the person's answer, with a reference that is also in the log. */
  const failure = (err: unknown, what: Record<string, unknown>) =>
    failureMessage(isDatabaseUnavailable(err), logUnexpected(err, what));

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
        await client.views.open({ trigger_id: body.trigger_id, view: renderModal(reply.form) as never });
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
    const blockIds = (view.blocks as { block_id?: string; type: string }[])
      .filter((b) => b.type === "input" && b.block_id)
      .map((b) => b.block_id as string);
    const meta = JSON.parse(view.private_metadata || "{}") as ModalState;
    const values = readValues(view.state.values as never);
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
      await ack({ response_action: "update", view: messageModal(stillSavingMessage()) as never });
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
      if (outcome)
        await client.chat.postMessage({ channel: body.user.id, ...renderMessage(outcome) } as never);
      else if (late !== "unknown" && late.kind === "form")
        await client.views.update({ view_id: body.view.id, view: renderModal(late.form) as never });
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
      return void (await ack({ response_action: "update", view: renderModal(reply.form) as never }));
    await ack();
    await client.chat.postMessage({ channel: body.user.id, ...renderMessage(reply.message) } as never);
  });

  bolt.action(/.+/, async ({ ack, body, action, client, respond }) => {
    await ack();
    const a = action as { action_id: string; value?: string; type: string; action_ts?: string };
    if (a.type !== "button") return;
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
    const b = body as { trigger_id?: string; view?: unknown; response_url?: string; user: { id: string } };
    if (reply.kind === "form") {
      const args = { trigger_id: b.trigger_id ?? "", view: renderModal(reply.form) as never };
      if (b.view) await client.views.push(args);
      else await client.views.open(args);
    } else if (b.response_url) {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(reply.message) });
    } else {
      await client.chat.postMessage({ channel: b.user.id, ...renderMessage(reply.message) } as never);
    }
  });

  bolt.error(async (err) => {
    log.error({ err }, "slack listener failed");
  });

  const http = receiver instanceof HTTPReceiver ? receiver : null;
  return {
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
      if (!http) await bolt.stop();
    },
  };
}

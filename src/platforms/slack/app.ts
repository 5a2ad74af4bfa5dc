import { App as Bolt, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { runAction, runText, submitForm } from "../../../commands/dispatch.ts";
import type { App } from "../../app.ts";
import { findPersonByPlatformId } from "../../cases/identity.ts";
import { log } from "../../log.ts";
import type { Route } from "../../server.ts";
import { unknownUserMessage } from "../../ui/messages.ts";
import { notSavedMessage, stillSavingMessage } from "../../ui/slowSubmitViews.ts";
import type { SubmitReply } from "../../ui/view.ts";
import { SLACK_SUBMIT_BUDGET_MS, withinBudget } from "../answerBudget.ts";
import { type ModalState, messageModal, ourActionId, renderMessage, renderModal } from "./blocks.ts";
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
  warn: (...msg: unknown[]) => log.warn({ slack: msg.map(String).join(" ") }, "slack"),
  error: (...msg: unknown[]) => log.error({ slack: msg.map(String).join(" ") }, "slack"),
  setLevel: () => {},
  getLevel: () => LogLevel.WARN,
  setName: () => {},
};

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

  bolt.command("/zicht", async ({ ack, body, client, respond }) => {
    // Acknowledge first: Slack gives three seconds, the work goes on after.
    await ack();
    const who = await person(body.user_id);
    if (!who)
      return void (await respond({ response_type: "ephemeral", ...renderMessage(unknownUserMessage()) }));
    const reply = await runText(ctx, who, "slack", body.text ?? "");
    if (reply.kind === "form")
      await client.views.open({ trigger_id: body.trigger_id, view: renderModal(reply.form) as never });
    else await respond({ response_type: "ephemeral", ...renderMessage(reply.message) });
  });

  bolt.view("zicht_form", async ({ ack, body, view, client }) => {
    const blockIds = (view.blocks as { block_id?: string; type: string }[])
      .filter((b) => b.type === "input" && b.block_id)
      .map((b) => b.block_id as string);
    const meta = JSON.parse(view.private_metadata || "{}") as ModalState;
    const values = readValues(view.state.values as never);
    const work = (async (): Promise<SubmitReply | "unknown"> => {
      const who = await person(body.user.id);
      if (!who) return "unknown";
      return submitForm(ctx, who, "slack", meta.formId, values, meta.state);
    })();
    // The answer to a submission is its ack (errors stay at their fields), but Slack waits only 3 s:
    // when the database is slower than that, the ack goes out anyway and the outcome follows.
    const reply = await withinBudget(work, SLACK_SUBMIT_BUDGET_MS);
    if (reply === null) {
      await ack({ response_action: "update", view: messageModal(stillSavingMessage()) as never });
      const late = await work;
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
    const a = action as { action_id: string; value?: string; type: string };
    if (a.type !== "button") return;
    const who = await person(body.user.id);
    const reply = who
      ? await runAction(ctx, who, "slack", ourActionId(a.action_id), a.value ?? "")
      : ({ kind: "message", message: unknownUserMessage() } as const);
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
      ? [{ method: "POST", path: "/slack/events", handler: (req, res) => http.requestListener(req, res) }]
      : [],
    start: async () => {
      if (!http) await bolt.start();
    },
    stop: async () => {
      if (!http) await bolt.stop();
    },
  };
}

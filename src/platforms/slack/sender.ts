import { webApi } from "@slack/bolt";
import { type PlatformRef, SendError, type Sender, type SendRef, type Target } from "../../jobs/outbox.ts";
import { logUnexpected } from "../../log.ts";
import type { Message } from "../../ui/view.ts";
import { renderMessage } from "./blocks.ts";
import { imagesOf, uploadImages } from "./images.ts";

/** Slack answers these when trying again cannot help. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_blocks",
  "user_not_found",
  "account_inactive",
  "invalid_auth",
  "not_authed",
  "msg_too_long",
  "cannot_dm_bot",
]);

/** Network failures that happen before a request can have reached Slack: safe to try again. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** The metadata event type every outbox message carries, with its outbox key, for confirm(). */
export const OUTBOX_EVENT = "zicht_outbox_message";

export interface SlackSenderOptions {
  apiUrl?: string | undefined;
  /** Each Web API call is abandoned after this long; keep it well under the outbox lease. */
  timeoutMs?: number;
  /** Called after a message reached a person (a DM), e.g. to redraw their home. */
  delivered?: (userId: string) => void;
}

function networkCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown; original?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string" && !e.code.startsWith("slack_")) return e.code;
    e = (e.original ?? e.cause) as typeof e;
  }
  return undefined;
}

/**
 * The outbox's way out to Slack. The client neither retries nor waits on 429 by itself: the outbox
 * owns retries, so a message is never sent twice behind its back. Every message carries its outbox
 * key as message metadata, so after an attempt of unknown outcome confirm() can look it up in the
 * conversation's history (scopes channels:history, im:history) instead of sending it again.
 */
export function createSlackSender(botToken: string, options: SlackSenderOptions | string = {}): Sender {
  const o = typeof options === "string" ? { apiUrl: options } : options;
  const client = new webApi.WebClient(botToken, {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? 15_000,
  });
  const conversationOf = async (target: Target): Promise<string> => {
    if (target.channel) return target.channel;
    if (!target.userId) throw new SendError("no Slack channel or user", undefined, true);
    const opened = await client.conversations.open({ users: target.userId });
    const id = opened.channel?.id;
    if (!id) throw new SendError("Slack: no direct message channel");
    return id;
  };
  return {
    async send(target: Target, message: Message, ref?: SendRef) {
      const channel = target.channel ?? target.userId;
      if (!channel) throw new SendError("no Slack channel or user", undefined, true);
      let sent: PlatformRef | undefined;
      try {
        const answer = await client.chat.postMessage({
          channel,
          ...renderMessage(message),
          ...(ref ? { metadata: { event_type: OUTBOX_EVENT, event_payload: { key: ref.key } } } : {}),
        });
        if (answer.channel && answer.ts) sent = { channel: answer.channel, ts: answer.ts };
      } catch (err) {
        throw toSendError(err);
      }
      if (!target.channel && target.userId) o.delivered?.(target.userId);
      // The message is out: a chart that fails to upload is logged, never a reason to send it again.
      const posted = sent?.channel;
      if (posted && imagesOf(message).length > 0)
        await uploadImages(client, posted, message).catch((err) =>
          logUnexpected(err, { what: "chart upload", channel: posted }),
        );
      return sent;
    },
    async update(where: PlatformRef, message: Message) {
      if (!where.channel || !where.ts) throw new SendError("Slack: no message to update", undefined, true);
      try {
        await client.chat.update({ channel: where.channel, ts: where.ts, ...renderMessage(message) });
      } catch (err) {
        throw toSendError(err);
      }
    },
    async confirm(target: Target, key: string, since: Date) {
      try {
        const channel = await conversationOf(target);
        let cursor: string | undefined;
        for (let page = 0; page < 10; page++) {
          const history = await client.conversations.history({
            channel,
            oldest: String(since.getTime() / 1000),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          const found = (history.messages ?? []).some(
            (m) =>
              m.metadata?.event_type === OUTBOX_EVENT &&
              (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
          );
          if (found) return true;
          cursor = history.response_metadata?.next_cursor || undefined;
          if (!history.has_more || !cursor) return false;
        }
        return false;
      } catch (err) {
        // Could not look: keep the question open (never treat "could not check" as "not there").
        const e = toSendError(err);
        throw new SendError(`Slack history: ${e.message}`, e.retryAfterMs, false, true);
      }
    },
  };
}

function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e.code === webApi.ErrorCode.RateLimitedError) {
    return new SendError("Slack: rate limited", (e.retryAfter ?? 1) * 1000);
  }
  if (e.code === webApi.ErrorCode.PlatformError) {
    const reason = e.data?.error ?? "unknown";
    return new SendError(`Slack: ${reason}`, undefined, PERMANENT.has(reason));
  }
  if (e.code === webApi.ErrorCode.HTTPError) return new SendError(`Slack: ${e.message ?? "HTTP error"}`);
  // No answer: a timeout or a connection lost after the request went out may have posted it.
  const code = networkCode(err);
  const ambiguous = !(code && NOT_SENT.has(code));
  return new SendError(`Slack: ${code ?? e.message ?? String(err)}`, undefined, false, ambiguous);
}

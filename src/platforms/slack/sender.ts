import { webApi } from "@slack/bolt";
import { SendError, type Sender, type Target } from "../../jobs/outbox.ts";
import type { Message } from "../../ui/view.ts";
import { renderMessage } from "./blocks.ts";

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

/**
 * The outbox's way out to Slack. The client neither retries nor waits on 429 by itself: the outbox
 * owns retries, so a message is never sent twice behind its back.
 */
export function createSlackSender(botToken: string, apiUrl?: string): Sender {
  const client = new webApi.WebClient(botToken, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  return {
    async send(target: Target, message: Message) {
      const channel = target.channel ?? target.userId;
      if (!channel) throw new SendError("no Slack channel or user", undefined, true);
      try {
        await client.chat.postMessage({ channel, ...renderMessage(message) } as never);
      } catch (err) {
        const e = err as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
        if (e.code === webApi.ErrorCode.RateLimitedError) {
          throw new SendError("Slack: rate limited", (e.retryAfter ?? 1) * 1000);
        }
        if (e.code === webApi.ErrorCode.PlatformError) {
          const reason = e.data?.error ?? "unknown";
          throw new SendError(`Slack: ${reason}`, undefined, PERMANENT.has(reason));
        }
        throw new SendError(`Slack: ${e.message ?? String(err)}`);
      }
    },
  };
}

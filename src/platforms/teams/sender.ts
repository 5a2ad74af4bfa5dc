import type { CaseContext } from "../../cases/context.ts";
import { accountByExternalId } from "../../cases/linkedAccounts.ts";
import { type PlatformRef, SendError, type Sender, type Target } from "../../jobs/outbox.ts";
import type { Message } from "../../ui/view.ts";
import { messageCard } from "./cards.ts";
import { type ConversationAddress, latestServiceUrl, type PersonalChats } from "./personalChat.ts";

interface HttpFailure {
  response?: { status?: number; headers?: Record<string, string> };
  code?: string;
  message?: string;
}

/** Network failures that happen before a request can have reached the connector: safe to try again. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

const statusOf = (err: unknown) => (err as HttpFailure).response?.status;

/**
 * The outbox's way out to Teams: a person's 1:1 chat (stored, or created now when the app was
 * installed before they were linked), or a channel by its conversation id. Teams' 429 Retry-After
 * goes back to the outbox.
 */
export function createTeamsSender(ctx: CaseContext, chats: PersonalChats): Sender {
  async function address(target: Target): Promise<ConversationAddress> {
    if (target.channel)
      return {
        conversationId: target.channel,
        serviceUrl: (await latestServiceUrl(ctx)) ?? chats.defaultServiceUrl,
      };
    if (!target.userId) throw new SendError("Teams: no conversation", undefined, true);
    const account = await accountByExternalId(ctx, "teams", target.userId);
    if (!account) throw new SendError("Teams: no person with this Teams id", undefined, true);
    try {
      return await chats.of({ personId: account.personId, userId: target.userId });
    } catch (err) {
      // Teams refuses while the app is not (yet) installed for the person: an administrator can
      // still install it, so this is retried, never final.
      throw new SendError(`Teams: could not open a 1:1 chat (${statusOf(err) ?? "no answer"})`);
    }
  }

  const activity = (message: Message) => ({
    type: "message" as const,
    text: message.summary,
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: messageCard(message) }],
  });

  return {
    // Teams limits each app per tenant as well as per conversation.
    paceMs: 40,
    async send(target: Target, message: Message) {
      const to = await address(target);
      try {
        const activityId = await chats.post(to, activity(message));
        // A connector may take it with 202 Accepted and no id (the Agents Playground does for text
        // with a card): with nothing to update in place, a later version is sent as a new message.
        if (!activityId) return undefined;
        return { conversationId: to.conversationId, serviceUrl: to.serviceUrl, activityId };
      } catch (err) {
        throw toSendError(err);
      }
    },
    async update(where: PlatformRef, message: Message) {
      const { conversationId, serviceUrl, activityId } = where;
      if (!conversationId || !serviceUrl || !activityId)
        throw new SendError("Teams: no activity to update", undefined, true);
      try {
        await chats.update({ conversationId, serviceUrl }, activityId, activity(message));
      } catch (err) {
        throw toSendError(err);
      }
    },
  };
}

function toSendError(err: unknown): SendError {
  const status = statusOf(err);
  if (status === undefined) {
    // No answer at all: a timeout or a connection lost after the request went out may have
    // posted it, and the Bot Connector cannot be asked. The outbox reports it instead of resending.
    const code = (err as HttpFailure).code;
    const ambiguous = !(code && NOT_SENT.has(code));
    return new SendError(
      `Teams: ${code ?? (err as HttpFailure).message ?? "no answer"}`,
      undefined,
      false,
      ambiguous,
    );
  }
  const retryAfter = Number((err as HttpFailure).response?.headers?.["retry-after"]);
  if (status === 429)
    return new SendError("Teams: throttled", Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000);
  return new SendError(`Teams: ${status}`, undefined, status >= 400 && status < 500);
}

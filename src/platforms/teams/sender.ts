import { Client } from "@microsoft/teams.api";
import type { App as TeamsApp } from "@microsoft/teams.apps";
import { eq } from "drizzle-orm";
import { people } from "../../../db/schema.ts";
import type { CaseContext } from "../../cases/context.ts";
import { conversationOf, latestServiceUrl } from "../../cases/teamsConversations.ts";
import { SendError, type Sender, type Target } from "../../jobs/outbox.ts";
import type { Message } from "../../ui/view.ts";
import { messageCard } from "./cards.ts";

const DEFAULT_SERVICE_URL = "https://smba.trafficmanager.net/teams";

interface HttpFailure {
  response?: { status?: number; headers?: Record<string, string> };
  code?: string;
  message?: string;
}

/** Network failures that happen before a request can have reached the connector: safe to try again. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * The outbox's way out to Teams: a 1:1 chat stored when the person installed the app or first
 * wrote to it, or a channel by its conversation id. Teams' 429 Retry-After goes back to the outbox.
 */
export function createTeamsSender(
  ctx: CaseContext,
  teams: TeamsApp,
  /** Each connector call is abandoned after this long; keep it well under the outbox lease. */
  timeoutMs = 15_000,
): Sender {
  const bot = teams as unknown as { getBotToken(): Promise<unknown> };
  const http = teams.client.clone({ token: () => bot.getBotToken() as never, timeout: timeoutMs });
  return {
    async send(target: Target, message: Message) {
      let conversationId = target.channel;
      let serviceUrl = (await latestServiceUrl(ctx)) ?? DEFAULT_SERVICE_URL;
      if (!conversationId && target.userId) {
        const [person] = await ctx.db
          .select({ id: people.id })
          .from(people)
          .where(eq(people.teamsId, target.userId));
        const conversation = person ? await conversationOf(ctx, person.id) : null;
        if (!conversation)
          throw new SendError("Teams: no 1:1 chat with this person yet (app not installed)", undefined, true);
        conversationId = conversation.conversationId;
        serviceUrl = conversation.serviceUrl;
      }
      if (!conversationId) throw new SendError("Teams: no conversation", undefined, true);
      try {
        await new Client(serviceUrl, http).conversations.createActivity(conversationId, {
          type: "message",
          text: message.summary,
          attachments: [
            { contentType: "application/vnd.microsoft.card.adaptive", content: messageCard(message) },
          ],
        } as never);
      } catch (err) {
        const status = (err as HttpFailure).response?.status;
        if (status === undefined) {
          // No answer at all: a timeout or a connection lost after the request went out may have
          // posted it, and the Bot Connector cannot be asked. The outbox reports it instead of resending.
          const code = (err as HttpFailure).code;
          const ambiguous = !(code && NOT_SENT.has(code));
          throw new SendError(
            `Teams: ${code ?? (err as HttpFailure).message ?? "no answer"}`,
            undefined,
            false,
            ambiguous,
          );
        }
        const retryAfter = Number((err as HttpFailure).response?.headers?.["retry-after"]);
        if (status === 429)
          throw new SendError("Teams: throttled", Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000);
        throw new SendError(
          `Teams: ${status ?? (err as HttpFailure).message ?? "error"}`,
          undefined,
          status !== undefined && status >= 400 && status < 500,
        );
      }
    },
  };
}

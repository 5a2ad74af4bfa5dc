import { Client, type IMessageActivityInput } from "@microsoft/teams.api";
import type { App as TeamsApp } from "@microsoft/teams.apps";
import { z } from "zod";
import type { CaseContext } from "../../cases/context.ts";
import { accountOf, latestConversation, rememberConversation } from "../../cases/linkedAccounts.ts";

/** Where a message goes: a conversation on the Bot Connector that serves it. */
export interface ConversationAddress {
  conversationId: string;
  serviceUrl: string;
}

/** The Teams account's conversation reference, as this adapter stores it in the linked account. */
const conversationReference = z.object({ conversationId: z.string().min(1), serviceUrl: z.string().min(1) });

export const readConversation = (stored: unknown): ConversationAddress | null =>
  conversationReference.safeParse(stored).data ?? null;

/** Remembers where a person's 1:1 chat with the bot lives, so reminders can reach them later. */
export const rememberChat = (ctx: CaseContext, personId: number, address: ConversationAddress) =>
  rememberConversation(ctx, "teams", personId, address);

/** The service URL Teams last used with us: channel posts go through the same one. */
export async function latestServiceUrl(ctx: CaseContext): Promise<string | null> {
  return readConversation(await latestConversation(ctx, "teams"))?.serviceUrl ?? null;
}

/** Who to open a 1:1 chat with. */
export interface ChatPartner {
  personId: number;
  /** Their Microsoft Entra object id (or Teams user id, `29:…`). */
  userId: string;
  /** From the activity when there is one; else the service URL and tenant Zicht is configured with. */
  serviceUrl?: string;
  tenantId?: string;
}

/**
 * A person's 1:1 chat with Zicht: the one stored when they installed the app or wrote to it, else
 * created through the Bot Connector (Teams answers with the existing chat when there is one). Every
 * call goes through the SDK's public API client, which carries the bot's token.
 */
export class PersonalChats {
  constructor(
    private readonly ctx: CaseContext,
    private readonly teams: TeamsApp,
    private readonly tenantId: string | undefined,
    /** Each connector call is abandoned after this long; keep it well under the outbox lease. */
    private readonly timeoutMs = 15_000,
  ) {}

  /** The same chats, with another time limit per connector call. */
  withTimeout(timeoutMs: number): PersonalChats {
    return new PersonalChats(this.ctx, this.teams, this.tenantId, timeoutMs);
  }

  private client(serviceUrl: string): Client {
    return new Client(serviceUrl, this.teams.api.http.clone({ timeout: this.timeoutMs }));
  }

  /** The service URL for conversations Zicht has no activity of (the SDK's, from its options). */
  get defaultServiceUrl(): string {
    return this.teams.api.serviceUrl;
  }

  async of(partner: ChatPartner): Promise<ConversationAddress> {
    const stored = readConversation((await accountOf(this.ctx.db, partner.personId, "teams"))?.conversation);
    return stored ?? this.open(partner);
  }

  /** Creates (or finds) the chat and stores it. Throws the connector's error when Teams refuses. */
  async open(partner: ChatPartner): Promise<ConversationAddress> {
    const serviceUrl = partner.serviceUrl ?? this.defaultServiceUrl;
    const tenantId = partner.tenantId ?? this.tenantId;
    // Teams addresses a bot as "28:<client id>" (the recipient of every activity it sends us).
    const botId = this.teams.id ? `28:${this.teams.id}` : undefined;
    const created = await this.client(serviceUrl).conversations.create({
      members: [{ id: partner.userId, role: "user" }],
      ...(botId ? { bot: { id: botId, role: "bot" } } : {}),
      isGroup: false,
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    });
    await rememberChat(this.ctx, partner.personId, { conversationId: created.id, serviceUrl });
    return { conversationId: created.id, serviceUrl };
  }

  /**
   * What Teams tells about a member of a conversation: their Entra object id, e-mail and UPN
   * (the SDK's member lookup on the Bot Connector).
   */
  async member(serviceUrl: string, conversationId: string, memberId: string) {
    return this.client(serviceUrl).conversations.members(conversationId).getById(memberId);
  }

  /** Replaces an activity sent earlier (the card is updated in place in the person's chat). */
  async update(to: ConversationAddress, activityId: string, activity: IMessageActivityInput): Promise<void> {
    await this.client(to.serviceUrl).conversations.activities(to.conversationId).update(activityId, activity);
  }

  /** Posts a new activity; returns its id, or undefined when the connector took it without one. */
  async post(to: ConversationAddress, activity: IMessageActivityInput): Promise<string | undefined> {
    const sent = await this.client(to.serviceUrl).conversations.createActivity(to.conversationId, activity);
    return sent?.id || undefined;
  }
}

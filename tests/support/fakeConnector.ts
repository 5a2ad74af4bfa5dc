import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the Bot Connector service Teams gives as `serviceUrl`: it takes the bot's
// replies and proactive messages (POST /v3/conversations/{id}/activities[/{replyTo}]), updates of a
// sent card (PUT …/activities/{id}) and new 1:1 conversations (POST /v3/conversations), and records them.
// Targeted messages (`?isTargetedActivity=true`, Teams' developer preview) are seen by their recipient
// only; `refuseTargeted` plays a tenant whose connector does not take them.

export interface ConnectorCall {
  conversationId: string;
  activity: Record<string, unknown>;
  at: number;
  /** PUT: the id of the activity replaced. */
  updates?: string;
  /** A targeted message: the one member (their `29:` id) who sees it. */
  targetedTo?: string;
}

/** A POST /v3/conversations: the conversation the bot asked Teams to create. */
export interface CreatedConversation {
  bot?: { id?: string };
  members: { id: string }[];
  tenantId?: string;
  channelData?: { tenant?: { id?: string } };
  isGroup?: boolean;
}

/**
 * A scripted answer: a status (429 with Retry-After, 500), or a fault: `hang` never answers, `drop`
 * takes the activity (when `deliver`) and then drops the connection, `delayMs` answers late.
 */
export type Scripted =
  | { status: number; retryAfter?: number }
  | { hang: true; deliver?: boolean }
  | { drop: true; deliver?: boolean }
  | { delayMs: number };

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly created: CreatedConversation[] = [];
  private readonly hanging = new Set<import("node:http").ServerResponse>();
  private readonly listeners = new Set<(call: ConnectorCall) => void>();
  private readonly scripted: Scripted[] = [];
  private readonly scriptedCreate: Scripted[] = [];
  private server!: Server;
  url = "";
  /** The tenant's users as Teams describes a conversation member (by Teams user id, `29:…`). */
  readonly members = new Map<string, { aadObjectId: string; email?: string; userPrincipalName?: string }>();
  /** Answer targeted messages as a connector without the preview does (400). */
  refuseTargeted = false;
  /** How many targeted messages were refused. */
  refusedTargeted = 0;
  /**
   * Take new activities with 202 Accepted and no id, as the Bot Connector API allows (the Agents
   * Playground does so for a message with both text and a card).
   */
  acceptWithoutId = false;

  /** The id Teams gives the 1:1 chat with a member (Teams returns the same chat on every create). */
  constructor(private readonly chatOf: (memberId: string) => string = (id) => `a:created-${id}`) {}

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const [path = "", query = ""] = (req.url ?? "").split("?");
      const targeted = new URLSearchParams(query).get("isTargetedActivity") === "true";
      if (req.method === "POST" && path === "/v3/conversations") {
        const next = this.scriptedCreate.shift();
        if (next && "status" in next) {
          res.writeHead(next.status);
          return res.end("{}");
        }
        const created = body as unknown as CreatedConversation;
        this.created.push(created);
        res.writeHead(201, { "content-type": "application/json" });
        return res.end(JSON.stringify({ id: this.chatOf(created.members?.[0]?.id ?? "") }));
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
      if (req.method === "GET" && member) {
        const id = decodeURIComponent(member[1] ?? "");
        const known = this.members.get(id);
        res.writeHead(known ? 200 : 404, { "content-type": "application/json" });
        return res.end(
          JSON.stringify(
            known ? { id, name: id, ...known } : { error: { code: "MemberNotFoundInConversation" } },
          ),
        );
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      const updates = req.method === "PUT" ? decodeURIComponent(match?.[2] ?? "") : undefined;
      const recipient = body.recipient as { id?: string; isTargeted?: boolean } | undefined;
      if (targeted && (this.refuseTargeted || !recipient?.id)) {
        this.refusedTargeted++;
        res.writeHead(400, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            error: {
              code: "BadArgument",
              message: recipient?.id ? "Targeted activities are not supported" : "Recipient is required",
            },
          }),
        );
      }
      const next = match ? this.scripted.shift() : undefined;
      const record = () => {
        const call: ConnectorCall = {
          conversationId: decodeURIComponent(match?.[1] ?? ""),
          activity: body,
          at: Date.now(),
          ...(updates ? { updates } : {}),
          ...(targeted && recipient?.id ? { targetedTo: recipient.id } : {}),
        };
        this.calls.push(call);
        for (const listener of this.listeners) listener(call);
      };
      if (next && "delayMs" in next) await new Promise((r) => setTimeout(r, next.delayMs));
      if (next && ("hang" in next || "drop" in next)) {
        if (next.deliver) record();
        if ("drop" in next) return res.destroy();
        this.hanging.add(res);
        res.on("close", () => this.hanging.delete(res));
        return;
      }
      if (next && "status" in next) {
        res.writeHead(next.status, next.retryAfter ? { "retry-after": String(next.retryAfter) } : {});
        return res.end("{}");
      }
      if (!match || (req.method !== "POST" && req.method !== "PUT")) {
        res.writeHead(404);
        return res.end();
      }
      record();
      if (this.acceptWithoutId && !updates) {
        res.writeHead(202);
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: updates ?? `activity-${this.calls.length}` }));
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Calls `listener` with every activity as it arrives (the chat bench times answers with it). */
  onCall(listener: (call: ConnectorCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next answers, before it answers normally again (429s, 500s). */
  script(answers: Scripted[]) {
    this.scripted.push(...answers);
  }

  /** The next answers to creating a conversation (e.g. 403 while the app is not yet installed). */
  scriptCreate(answers: Scripted[]) {
    this.scriptedCreate.push(...answers);
  }

  /** The Adaptive Cards every member of a conversation sees, as JSON text. */
  cardsTo(conversationId: string): string[] {
    return this.calls
      .filter((c) => c.conversationId === conversationId && !c.targetedTo)
      .flatMap((c) =>
        ((c.activity.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );
  }

  /** Everything every member of a conversation sees (texts and cards), as JSON text. */
  sentTo(conversationId: string): string[] {
    return this.calls
      .filter((c) => c.conversationId === conversationId && !c.targetedTo)
      .map((c) => JSON.stringify(c.activity));
  }

  /** The Adaptive Cards only this member (their `29:` id) sees in a conversation, as JSON text. */
  targetedCardsTo(conversationId: string, memberId: string): string[] {
    return this.calls
      .filter((c) => c.conversationId === conversationId && c.targetedTo === memberId)
      .flatMap((c) =>
        ((c.activity.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );
  }

  clear() {
    this.calls.length = 0;
    this.created.length = 0;
  }

  stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    return new Promise((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }
}

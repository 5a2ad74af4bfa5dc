import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the Bot Connector service Teams gives as `serviceUrl`: it takes the bot's
// replies and proactive messages (POST /v3/conversations/{id}/activities[/{replyTo}]) and records them.

export interface ConnectorCall {
  conversationId: string;
  activity: Record<string, unknown>;
  at: number;
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
  private readonly hanging = new Set<import("node:http").ServerResponse>();
  private readonly scripted: Scripted[] = [];
  private server!: Server;
  url = "";

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? "");
      const next = match ? this.scripted.shift() : undefined;
      const record = () =>
        this.calls.push({
          conversationId: decodeURIComponent(match?.[1] ?? ""),
          activity: raw ? JSON.parse(raw) : {},
          at: Date.now(),
        });
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
      if (!match || req.method !== "POST") {
        res.writeHead(404);
        return res.end();
      }
      record();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `activity-${this.calls.length}` }));
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next answers, before it answers normally again (429s, 500s). */
  script(answers: Scripted[]) {
    this.scripted.push(...answers);
  }

  /** The Adaptive Cards sent to a conversation, as JSON text. */
  cardsTo(conversationId: string): string[] {
    return this.calls
      .filter((c) => c.conversationId === conversationId)
      .flatMap((c) =>
        ((c.activity.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );
  }

  clear() {
    this.calls.length = 0;
  }

  stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    return new Promise((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }
}

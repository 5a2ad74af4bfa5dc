import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the Bot Connector service Teams gives as `serviceUrl`: it takes the bot's
// replies and proactive messages (POST /v3/conversations/{id}/activities[/{replyTo}]) and records them.

export interface ConnectorCall {
  conversationId: string;
  activity: Record<string, unknown>;
  at: number;
}

type Scripted = { status: number; retryAfter?: number };

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly scripted: Scripted[] = [];
  private server!: Server;
  url = "";

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? "");
      const next = this.scripted.shift();
      if (next) {
        res.writeHead(next.status, next.retryAfter ? { "retry-after": String(next.retryAfter) } : {});
        return res.end("{}");
      }
      if (!match || req.method !== "POST") {
        res.writeHead(404);
        return res.end();
      }
      this.calls.push({
        conversationId: decodeURIComponent(match[1] ?? ""),
        activity: raw ? JSON.parse(raw) : {},
        at: Date.now(),
      });
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
    return new Promise((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }
}

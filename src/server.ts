import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { migrationsApplied } from "../db/client.ts";
import type { App } from "./app.ts";
import { log, logUnexpected } from "./log.ts";
import { PortBusyError } from "./portCheck.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A route: exact path, or a prefix when it ends with "/*". */
export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

/** Bodies above this are refused with 413 before a byte of them is read (every endpoint). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Refused requests (401/403/411/413) are logged as one summary line per this interval, not one each. */
export const REFUSED_SUMMARY_MS = 60_000;

export interface ServerOptions {
  host?: string | undefined;
  maxBodyBytes?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Logs and returns the refused requests counted since the last summary, per status and path. */
  flushRefused(): Record<string, number>;
  /** Stops accepting requests, waits for those in flight, then resolves. */
  stop(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/**
 * Counts refused requests (forged signatures, bad tokens, oversized bodies) and logs them as one
 * line per interval: hostile traffic must not turn into one log line per request.
 */
class RefusedSummary {
  private counts = new Map<string, number>();
  count(status: number, path: string) {
    const key = `${status} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  flush(): Record<string, number> {
    const out = Object.fromEntries(this.counts);
    this.counts = new Map();
    if (Object.keys(out).length > 0) log.warn({ refused: out }, "refused requests (summary)");
    return out;
  }
}

const REFUSED = new Set([401, 403, 411, 413]);

function healthRoutes(app: Pick<App, "database">): Route[] {
  return [
    { method: "GET", path: "/healthz", handler: (_req, res) => json(res, 200, { status: "ok" }) },
    {
      method: "GET",
      path: "/readyz",
      handler: async (_req, res) => {
        const ready = await migrationsApplied(app.database.db).catch(() => false);
        json(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready" });
      },
    },
  ];
}

function matches(route: Route, method: string, path: string): boolean {
  if (route.method !== method && route.method !== "*") return false;
  return route.path.endsWith("/*") ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
}

/** The one HTTP server for every endpoint: health, platforms and the local console. */
export async function startServer(
  app: Pick<App, "database">,
  routes: Route[],
  port: number,
  hostOrOptions?: string | ServerOptions,
): Promise<RunningServer> {
  const options: ServerOptions =
    typeof hostOrOptions === "string" || hostOrOptions === undefined
      ? { host: hostOrOptions }
      : hostOrOptions;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const all = [...healthRoutes(app), ...routes];
  const refused = new RefusedSummary();
  const summaryTimer = setInterval(() => refused.flush(), REFUSED_SUMMARY_MS);
  summaryTimer.unref();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    res.once("finish", () => {
      if (REFUSED.has(res.statusCode)) refused.count(res.statusCode, path);
    });
    // Size first, before routing, authentication or reading: a body is judged by its declared length.
    const declared = Number(req.headers["content-length"] ?? 0);
    const chunked =
      req.headers["transfer-encoding"] !== undefined && req.headers["content-length"] === undefined;
    if (declared > maxBody || chunked) {
      res.writeHead(declared > maxBody ? 413 : 411, {
        "content-type": "application/json; charset=utf-8",
        connection: "close",
      });
      res.end(
        JSON.stringify({
          error: declared > maxBody ? "body too large" : "length required",
          maxBodyBytes: maxBody,
        }),
      );
      // Do not read what was sent: drop the connection once the answer is out.
      res.once("finish", () => req.socket.destroy());
      return;
    }
    const route = all.find((r) => matches(r, req.method ?? "GET", path));
    if (!route) return json(res, 404, { error: "not found" });
    Promise.resolve(route.handler(req, res)).catch((err) => {
      const reference = logUnexpected(err, { path });
      if (!res.headersSent) json(res, 500, { error: "internal error", reference });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    // A port taken between the start-up check and here is said the same way.
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new PortBusyError(port) : err),
    );
    server.listen(port, options.host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  log.info({ port: actual }, "server listening");
  return {
    server,
    port: actual,
    flushRefused: () => refused.flush(),
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(summaryTimer);
        refused.flush();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

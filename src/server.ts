import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { migrationsApplied } from "../db/client.ts";
import type { App } from "./app.ts";
import { log, logUnexpected } from "./log.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A route: exact path, or a prefix when it ends with "/*". */
export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting requests, waits for those in flight, then resolves. */
  stop(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function healthRoutes(app: App): Route[] {
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
  app: App,
  routes: Route[],
  port: number,
  host?: string,
): Promise<RunningServer> {
  const all = [...healthRoutes(app), ...routes];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = all.find((r) => matches(r, req.method ?? "GET", path));
    if (!route) return json(res, 404, { error: "not found" });
    Promise.resolve(route.handler(req, res)).catch((err) => {
      const reference = logUnexpected(err, { path });
      if (!res.headersSent) json(res, 500, { error: "internal error", reference });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  log.info({ port: actual }, "server listening");
  return {
    server,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

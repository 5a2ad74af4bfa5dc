import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/client.ts";
import { MAX_BODY_BYTES, type RunningServer, startServer } from "../../src/server.ts";

// Issue 15 item 5: four unauthenticated 450 MB bodies took the server to 3.4 GB. Every endpoint
// refuses a body over the limit from its declared length, before any handler (or authentication)
// reads it, and refused requests are logged as a summary, not one line each.

let database: Database;
let running: RunningServer;
let handled = 0;

beforeAll(async () => {
  database = await openDatabase({ dataDir: "memory://" });
  const readsBody = async (
    req: import("node:http").IncomingMessage,
    res: import("node:http").ServerResponse,
  ) => {
    handled++;
    let n = 0;
    for await (const chunk of req) n += (chunk as Buffer).length;
    // Stands in for a platform adapter refusing a request without valid credentials.
    res.writeHead(req.headers.authorization ? 200 : 401);
    res.end(String(n));
  };
  running = await startServer(
    { database },
    [
      { method: "POST", path: "/api/messages", handler: readsBody },
      { method: "POST", path: "/slack/events", handler: readsBody },
    ],
    0,
    "127.0.0.1",
  );
});

afterAll(async () => {
  await running.stop();
  await database.close();
});

/** Sends headers declaring `length` bytes and only `send` of them; resolves with the status. */
function post(path: string, length: number, send: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: running.port,
        path,
        method: "POST",
        headers: { "content-length": String(length), ...headers },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.write(Buffer.alloc(send));
    // The rest of a 450 MB body is never sent: the answer must come from the declared length alone.
    if (send === length) req.end();
  });
}

describe("body size limit", () => {
  it("answers 413 on every endpoint from the declared length, before a handler reads anything", async () => {
    handled = 0;
    for (const path of ["/api/messages", "/slack/events", "/healthz", "/nowhere"]) {
      const r = await post(path, 450 * 1024 * 1024, 1024);
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).maxBodyBytes).toBe(MAX_BODY_BYTES);
    }
    expect(handled).toBe(0);
  });

  it("still takes a body within the limit", async () => {
    const r = await post("/api/messages", 2000, 2000, { authorization: "Bearer x" });
    expect(r).toEqual({ status: 200, body: "2000" });
  });

  it("logs refused requests as one summary, counted per status and path", async () => {
    running.flushRefused();
    await Promise.all(Array.from({ length: 40 }, () => post("/api/messages", 10, 10)));
    await post("/slack/events", MAX_BODY_BYTES + 1, 1);
    expect(running.flushRefused()).toEqual({ "401 /api/messages": 40, "413 /slack/events": 1 });
    expect(running.flushRefused()).toEqual({});
  });
});

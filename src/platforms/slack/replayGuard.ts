import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isValidSlackRequest } from "@slack/bolt";
import { lt } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { platformRequests } from "../../../db/schema.ts";
import { log } from "../../log.ts";
import type { Handler } from "../../server.ts";

/** Slack's replay window: older signatures are refused by Bolt, newer-than-now ones by us. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * True the first time `key` is seen within the replay window, on any replica (platform_requests).
 * A database that cannot be asked counts as "first": the use case then answers for itself.
 */
export async function firstTime(db: Db, key: string, at: Date = new Date()): Promise<boolean> {
  try {
    const fresh = await db
      .insert(platformRequests)
      .values({ key, seenAt: at })
      .onConflictDoNothing()
      .returning({ key: platformRequests.key });
    return fresh.length > 0;
  } catch {
    return true;
  }
}

/**
 * In front of Bolt: refuses request timestamps further in the future than the replay window, and
 * runs each validly signed request once. A replayed request, or Slack's own retry
 * (X-Slack-Retry-Num), has the same body — which carries Slack's trigger id, unique per command,
 * button press or form submission — so a hash of the body, kept in the database for every replica,
 * identifies it; the repeat is acknowledged and not run again. Bolt reuses the body read here.
 */
export function slackReplayGuard(
  db: Db,
  signingSecret: string,
  next: (req: IncomingMessage, res: ServerResponse) => void,
  now: () => number = () => Date.now(),
): Handler {
  let taken = 0;
  return async (req, res) => {
    const timestamp = Number(header(req, "x-slack-request-timestamp"));
    if (Number.isFinite(timestamp) && timestamp > now() / 1000 + REPLAY_WINDOW_SECONDS) {
      res.writeHead(401).end();
      return;
    }
    const body = await readBody(req);
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    const signature = header(req, "x-slack-signature");
    const text = body.toString();
    const signed =
      signature !== undefined &&
      Number.isFinite(timestamp) &&
      isValidSlackRequest({
        signingSecret,
        body: text,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      });
    if (signed) {
      const key = `slack:${createHash("sha256").update(text).digest("hex")}`;
      try {
        const fresh = await db
          .insert(platformRequests)
          .values({ key, seenAt: new Date(now()) })
          .onConflictDoNothing()
          .returning({ key: platformRequests.key });
        if (fresh.length === 0) {
          log.info(
            { retry: header(req, "x-slack-retry-num") ?? null },
            "slack: repeated request acknowledged, not run",
          );
          res.writeHead(200).end();
          return;
        }
        if (++taken % 100 === 0) {
          const before = new Date(now() - 2 * REPLAY_WINDOW_SECONDS * 1000);
          await db.delete(platformRequests).where(lt(platformRequests.seenAt, before));
        }
      } catch (err) {
        // The database is away: the command itself will say so; nothing to deduplicate against.
        log.warn({ err }, "slack: replay check failed");
      }
    }
    next(req, res);
  };
}

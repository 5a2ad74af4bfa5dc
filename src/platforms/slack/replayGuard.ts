import type { IncomingMessage, ServerResponse } from "node:http";
import type { Handler } from "../../server.ts";

/** Slack's replay window: older signatures are refused by Bolt, newer-than-now ones by us. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/**
 * In front of Bolt: refuses request timestamps further in the future than the replay window (Bolt
 * checks only the past). Nothing here waits for the database, so the acknowledgement never does;
 * repeated deliveries of one request are recognised after the acknowledgement, by Slack's trigger
 * id (`firstDelivery`).
 */
export function slackReplayGuard(
  next: (req: IncomingMessage, res: ServerResponse) => void,
  now: () => number = () => Date.now(),
): Handler {
  return async (req, res) => {
    const raw = req.headers["x-slack-request-timestamp"];
    const timestamp = Number(Array.isArray(raw) ? raw[0] : raw);
    if (Number.isFinite(timestamp) && timestamp > now() / 1000 + REPLAY_WINDOW_SECONDS) {
      res.writeHead(401).end();
      return;
    }
    next(req, res);
  };
}

import { lt } from "drizzle-orm";
import { platformRequests } from "../../db/schema.ts";
import { log } from "../log.ts";
import type { CaseContext } from "./context.ts";

/** How long a platform's request id is remembered: twice Slack's 5-minute replay window. */
const REMEMBER_MS = 10 * 60 * 1000;
let taken = 0;

/**
 * True the first time a platform's own id for one person's action (a Slack trigger id, a Teams
 * activity id) is seen, by any replica; false for a replay or a platform's retry of the same
 * request, which must not run twice. When the database cannot be asked the action runs: the
 * action itself will then tell the person the database is away.
 */
export async function firstDelivery(ctx: CaseContext, key: string, now = new Date()): Promise<boolean> {
  try {
    const fresh = await ctx.db
      .insert(platformRequests)
      .values({ key, seenAt: now })
      .onConflictDoNothing()
      .returning({ key: platformRequests.key });
    if (++taken % 100 === 0) {
      await ctx.db
        .delete(platformRequests)
        .where(lt(platformRequests.seenAt, new Date(now.getTime() - REMEMBER_MS)));
    }
    if (fresh.length === 0) log.info({ key }, "repeated request acknowledged, not run");
    return fresh.length > 0;
  } catch (err) {
    log.warn({ err }, "replay check failed");
    return true;
  }
}

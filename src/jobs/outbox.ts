import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { notifications, people } from "../../db/schema.ts";
import type { PlatformName } from "../cases/identity.ts";
import { platformOf } from "../cases/recipients.ts";
import { log } from "../log.ts";
import type { Message } from "../ui/view.ts";
import { markSentAndAudit } from "./deliveryAudit.ts";
import { type Payload, renderPayload } from "./payloads.ts";

/** Where one message goes on a platform: a channel, or a person's direct messages. */
export interface Target {
  channel: string | null;
  /** The person's id on that platform (Slack user id, AAD object id). */
  userId: string | null;
}

/** A platform's way out. Throws SendError to say whether and when to try again. */
export interface Sender {
  send(target: Target, message: Message): Promise<void>;
}

export class SendError extends Error {
  constructor(
    message: string,
    /** The platform's Retry-After, when it said one. */
    readonly retryAfterMs?: number,
    /** No point in trying again (e.g. an unknown channel). */
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface DispatcherOptions {
  senders: Partial<Record<PlatformName, Sender>>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts before a message is given up and reported. */
  maxAttempts?: number;
  /** First back-off; doubles with every attempt. */
  baseDelayMs?: number;
  batchSize?: number;
  /** A claim older than this is taken to be from a dispatcher that died, and is claimed again. */
  leaseMs?: number;
  /** Slack keeps about one message per second per channel. */
  pacePerTargetMs?: number;
  /** A platform-wide minimum interval (Teams limits each app per tenant as well as per conversation). */
  pacePerPlatformMs?: Partial<Record<PlatformName, number>>;
  /** Channel per platform where given-up messages are reported. */
  adminChannels?: Partial<Record<PlatformName, string>>;
}

export interface DispatchSummary {
  sent: number;
  retried: number;
  failed: number;
}

type Row = typeof notifications.$inferSelect;

/**
 * Sends what the outbox holds. Rows are claimed with FOR UPDATE SKIP LOCKED, so two dispatchers (or
 * two replicas) never take the same row; a row is marked sent right after the platform took it.
 */
export class Dispatcher {
  private readonly lastSent = new Map<string, number>();
  private readonly o: Required<Omit<DispatcherOptions, "adminChannels">> &
    Pick<DispatcherOptions, "adminChannels">;

  constructor(
    private readonly db: Db,
    options: DispatcherOptions,
  ) {
    this.o = {
      now: () => new Date(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      maxAttempts: 6,
      baseDelayMs: 30_000,
      batchSize: 25,
      leaseMs: 5 * 60_000,
      pacePerTargetMs: 1100,
      pacePerPlatformMs: { teams: 40 },
      ...options,
    };
  }

  /** Claims and sends due rows until none are left that are due now. */
  async drain(): Promise<DispatchSummary> {
    const total: DispatchSummary = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const claimed = await this.claimBatch();
      if (claimed.length === 0) return total;
      for (const row of claimed) {
        const outcome = await this.deliver(row);
        total[outcome]++;
      }
    }
  }

  /** Takes a batch of due rows for this dispatcher (public so a crash between claim and send can be tested). */
  async claimBatch(): Promise<Row[]> {
    const now = this.o.now();
    const staleBefore = new Date(now.getTime() - this.o.leaseMs);
    return this.db.transaction(async (tx) => {
      const ids = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          or(
            and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)),
            and(eq(notifications.status, "sending"), lte(notifications.claimedAt, staleBefore)),
          ),
        )
        .orderBy(asc(notifications.id))
        .limit(this.o.batchSize)
        .for("update", { skipLocked: true });
      if (ids.length === 0) return [];
      return tx
        .update(notifications)
        .set({ status: "sending", claimedAt: now, attempts: sql`${notifications.attempts} + 1` })
        .where(
          inArray(
            notifications.id,
            ids.map((r) => r.id),
          ),
        )
        .returning();
    });
  }

  /** Where the row goes: its channel, or the recipient on the row's platform (or their first linked one). */
  private async route(row: Row): Promise<{ platform: PlatformName; target: Target } | null> {
    const configured = Object.keys(this.o.senders) as PlatformName[];
    if (row.channel)
      return row.platform
        ? { platform: row.platform as PlatformName, target: { channel: row.channel, userId: null } }
        : null;
    if (!row.recipientId) return null;
    const [person] = await this.db
      .select({ slackId: people.slackId, teamsId: people.teamsId })
      .from(people)
      .where(eq(people.id, row.recipientId));
    if (!person) return null;
    const platform = (row.platform as PlatformName | null) ?? platformOf(person, configured);
    const userId = platform === "slack" ? person.slackId : platform === "teams" ? person.teamsId : null;
    return platform && userId ? { platform, target: { channel: null, userId } } : null;
  }

  private async deliver(row: Row): Promise<keyof DispatchSummary> {
    try {
      const route = await this.route(row);
      if (!route) throw new SendError("recipient has no id on a configured platform", undefined, true);
      const sender = this.o.senders[route.platform];
      if (!sender) throw new SendError(`platform ${route.platform} is not configured`, undefined, true);
      await this.pace(route.platform, route.target);
      await sender.send(route.target, renderPayload(row.payload as Payload));
      await markSentAndAudit(this.db, row, route.platform, this.o.now());
      return "sent";
    } catch (err) {
      const error = err instanceof SendError ? err : new SendError((err as Error).message ?? String(err));
      const giveUp = error.permanent || row.attempts >= this.o.maxAttempts;
      const backoff = this.o.baseDelayMs * 2 ** Math.max(0, row.attempts - 1);
      const delay = Math.max(backoff, error.retryAfterMs ?? 0);
      await this.db
        .update(notifications)
        .set({
          status: giveUp ? "failed" : "pending",
          lastError: error.message.slice(0, 500),
          nextAttemptAt: new Date(this.o.now().getTime() + delay),
        })
        .where(eq(notifications.id, row.id));
      log.warn(
        { notification: row.key, attempts: row.attempts, giveUp, error: error.message },
        "send failed",
      );
      if (giveUp) await this.report(row, error.message);
      return giveUp ? "failed" : "retried";
    }
  }

  /** Waits so that one target, and one platform, get at most one message per pace interval. */
  private async pace(platform: PlatformName, target: Target) {
    const waits: [string, number][] = [
      [`${platform}:${target.channel ?? target.userId}`, this.o.pacePerTargetMs],
      [platform, this.o.pacePerPlatformMs[platform] ?? 0],
    ];
    for (const [key, interval] of waits) {
      const last = this.lastSent.get(key);
      const now = this.o.now().getTime();
      if (last !== undefined && now - last < interval) await this.o.sleep(interval - (now - last));
    }
    const sentAt = this.o.now().getTime();
    for (const [key] of waits) this.lastSent.set(key, sentAt);
  }

  private async report(row: Row, reason: string) {
    if (row.kind === "admin") return; // never report a failed report: no loops
    const platform = (row.platform ?? Object.keys(this.o.senders)[0]) as PlatformName | undefined;
    const channel = platform ? this.o.adminChannels?.[platform] : undefined;
    if (!platform || !channel) return;
    const payload: Payload = {
      type: "admin",
      text: `Zicht kon bericht ${row.key} na ${row.attempts} pogingen niet afleveren: ${reason}`,
    };
    await this.db
      .insert(notifications)
      .values({ key: `admin:failed:${row.id}`, kind: "admin", platform, channel, payload })
      .onConflictDoNothing({ target: notifications.key });
  }
}

/** Counts per status, and the failures with their reasons (the `outbox` CLI command). */
export async function outboxStatus(db: Db) {
  const counts = await db
    .select({ status: notifications.status, n: sql<number>`count(*)::int` })
    .from(notifications)
    .groupBy(notifications.status);
  const failures = await db
    .select({ key: notifications.key, attempts: notifications.attempts, lastError: notifications.lastError })
    .from(notifications)
    .where(eq(notifications.status, "failed"))
    .orderBy(asc(notifications.id))
    .limit(100);
  return { counts: Object.fromEntries(counts.map((c) => [c.status, c.n])), failures };
}

import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { linkedAccounts, notifications } from "../../db/schema.ts";
import { DAY_MESSAGE_KIND, dayItems } from "../cases/dayMessages.ts";
import type { PlatformName } from "../cases/identity.ts";
import { type Payload, readPayload } from "../cases/payloads.ts";
import { platformOf } from "../cases/recipients.ts";
import { log, serializeError } from "../log.ts";
import type { Message } from "../ui/view.ts";
import { auditDelivery } from "./deliveryAudit.ts";
import { afterCall, msUntilTurn, pause, pausedUntil, takeTurn } from "./pacing.ts";
import { renderPayload, renderStored } from "./payloads.ts";
import { reminderStillDue } from "./reminderSweep.ts";

/** Where one message goes on a platform: a channel, or a person's direct messages. */
export interface Target {
  channel: string | null;
  /** The person's id on that platform (Slack user id, AAD object id). */
  userId: string | null;
}

/** What a sender gets besides the message: the outbox row's unique key, to tag the message with. */
export interface SendRef {
  key: string;
}

/** Where a sent message lives on its platform (Slack channel + ts, Teams conversation + activity id). */
export type PlatformRef = Record<string, string>;

/** A platform's way out. Throws SendError to say whether and when to try again. */
export interface Sender {
  /** Returns where the message now lives, when the platform says (needed to update it later). */
  send(target: Target, message: Message, ref: SendRef): Promise<PlatformRef | undefined | void>;
  /** Replaces a message sent earlier, in place (Slack chat.update, Teams activity update). */
  update?(ref: PlatformRef, message: Message): Promise<void>;
  /**
   * Whether a message tagged with `key` reached the target since `since`: asked before resending
   * after an attempt whose outcome is unknown. Absent when the platform cannot tell.
   */
  confirm?(target: Target, key: string, since: Date): Promise<boolean>;
  /** The platform's own minimum interval between any two sends of the app, when it has one. */
  paceMs?: number;
}

export class SendError extends Error {
  constructor(
    message: string,
    /** The platform's Retry-After, when it said one. */
    readonly retryAfterMs?: number,
    /** No point in trying again (e.g. an unknown channel). */
    readonly permanent = false,
    /** The request may have reached the platform (timeout, connection lost after sending). */
    readonly ambiguous = false,
    /** A 429 that names one conversation rather than the whole platform. */
    readonly pauseScope: "platform" | "conversation" = "platform",
  ) {
    super(message);
  }
}

export interface DispatcherOptions {
  senders: Partial<Record<PlatformName, Sender>>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts before a message is given up (besides retryForMs); unlimited by default. */
  maxAttempts?: number;
  /** How long after its first failure a message keeps being retried before it is given up. */
  retryForMs?: number;
  /** First back-off; doubles with every attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  batchSize?: number;
  /** A claim not renewed for this long is taken to be from a dispatcher that died, and is claimed again. */
  leaseMs?: number;
  /** A platform call that has not answered after this long is abandoned (its outcome is then unknown). */
  sendTimeoutMs?: number;
  /** Slack keeps about one message per second per channel; held across replicas. */
  pacePerTargetMs?: number;
  /** Overrides a sender's platform-wide minimum interval (`Sender.paceMs`), e.g. 0 for a local console. */
  pacePerPlatformMs?: Partial<Record<PlatformName, number>>;
  /**
   * A message whose conversation's turn is further away than this is put back, not waited for.
   * (Pace is kept in real time on the database's clock; `now` is the business clock.)
   */
  maxPaceWaitMs?: number;
  /** Channel per platform where given-up messages are reported. */
  adminChannels?: Partial<Record<PlatformName, string>>;
  /**
   * The door a delivery is logged through in the read log, when it is not the platform's name: the
   * local console drives the Teams adapter, but what it shows was read in the console.
   */
  doors?: Partial<Record<PlatformName, string>>;
}

export interface DispatchSummary {
  sent: number;
  retried: number;
  failed: number;
  /** Put back without an attempt: platform paused, or the conversation's turn is not yet there. */
  deferred: number;
  /** No longer true at send time (a reminder whose deadline was done or moved). */
  dropped: number;
  /** May have arrived, and the platform cannot tell: reported, not resent. */
  unconfirmed: number;
}

const emptySummary = (): DispatchSummary => ({
  sent: 0,
  retried: 0,
  failed: 0,
  deferred: 0,
  dropped: 0,
  unconfirmed: 0,
});

type Row = typeof notifications.$inferSelect;
/** A send to record: what was shown (a day message with its items) and where it now lives. */
interface Unrecorded {
  row: Row;
  platform: PlatformName;
  at: Date;
  shown: Payload;
  where?: PlatformRef | undefined;
}
type Outcome = keyof DispatchSummary | "lost_claim";

/**
 * Sends what the outbox holds, exactly once under faults:
 * - rows are claimed with FOR UPDATE SKIP LOCKED by one dispatcher, which renews its claim while it
 *   holds them (heartbeat) and only sends rows it still holds;
 * - every platform call has a time limit well under the lease;
 * - `send_started_at` is written before the platform call, so an attempt whose outcome is unknown
 *   (timeout, dropped connection, a crash or database failure between send and record) is checked
 *   with the platform before any resend; where the platform cannot tell, the row is reported as
 *   unconfirmed instead of being sent twice;
 * - failures back off exponentially for a bounded time (retryForMs), then the row is given up and
 *   reported; `zicht outbox opnieuw` queues it again.
 * Messages that answer a person (priority 0) are claimed before bulk reminders and digests.
 */
export class Dispatcher {
  readonly id = randomUUID();
  private readonly o: Required<Omit<DispatcherOptions, "adminChannels" | "maxAttempts" | "doors">> &
    Pick<DispatcherOptions, "adminChannels" | "maxAttempts" | "doors">;
  /** Rows this dispatcher holds a claim on: their lease is renewed until they are settled. */
  private readonly held = new Set<number>();
  /** Rows the platform took whose "sent" could not be written yet (database away): written first. */
  private readonly unrecorded = new Map<number, Unrecorded>();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly active = new Set<Promise<unknown>>();
  private stopping = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    options: DispatcherOptions,
  ) {
    this.o = {
      now: () => new Date(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      retryForMs: 24 * 3_600_000,
      baseDelayMs: 30_000,
      maxDelayMs: 15 * 60_000,
      batchSize: 5,
      leaseMs: 5 * 60_000,
      sendTimeoutMs: 20_000,
      pacePerTargetMs: 1100,
      pacePerPlatformMs: {},
      maxPaceWaitMs: 3000,
      ...options,
    };
  }

  /** True once stop() was called: nothing new is claimed. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Claims and sends due rows until none are left that are due now (or stop() is called). */
  async drain(): Promise<DispatchSummary> {
    if (this.stopping) return emptySummary();
    // One drain at a time per dispatcher (scheduler and console may both ask): they share `held`.
    const run = this.queue.then(() => this.drainLoop());
    this.queue = run.catch(() => {});
    this.active.add(run);
    try {
      return await run;
    } finally {
      this.active.delete(run);
    }
  }

  /**
   * Stops claiming at once, lets the message in flight finish (bounded by sendTimeoutMs), puts
   * claimed but unsent rows back, and resolves. Bound: sendTimeoutMs + maxPaceWaitMs + a few
   * database round trips.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.active]);
    await this.flushUnrecorded();
    await this.releaseHeld().catch((err) => log.warn({ err }, "outbox: could not put claimed rows back"));
    this.stopHeartbeat();
  }

  private async drainLoop(): Promise<DispatchSummary> {
    const total = emptySummary();
    await this.flushUnrecorded();
    // Rows left held by a drain the database broke off are put back before anything new is claimed.
    await this.releaseHeld();
    try {
      while (!this.stopping) {
        const claimed = await this.claimBatch();
        if (claimed.length === 0) break;
        for (const row of claimed) {
          if (this.stopping) break;
          const outcome = await this.deliver(row);
          this.held.delete(row.id);
          if (outcome !== "lost_claim") total[outcome]++;
        }
        await this.releaseHeld();
      }
    } finally {
      await this.releaseHeld().catch(() => {}); // the database is away: the lease runs out instead
    }
    return total;
  }

  /** Takes a batch of due rows for this dispatcher (public so a crash between claim and send can be tested). */
  async claimBatch(): Promise<Row[]> {
    const now = this.o.now();
    const staleBefore = new Date(now.getTime() - this.o.leaseMs);
    const rows = await this.db.transaction(async (tx) => {
      const ids = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            or(
              and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)),
              and(eq(notifications.status, "sending"), lte(notifications.claimedAt, staleBefore)),
            ),
            // Items of a day message go out inside it, never on their own.
            isNull(notifications.bundleId),
          ),
        )
        .orderBy(asc(notifications.priority), asc(notifications.id))
        .limit(this.o.batchSize)
        .for("update", { skipLocked: true });
      if (ids.length === 0) return [];
      return tx
        .update(notifications)
        .set({
          status: "sending",
          claimedAt: now,
          claimedBy: this.id,
          attempts: sql`${notifications.attempts} + 1`,
        })
        .where(
          inArray(
            notifications.id,
            ids.map((r) => r.id),
          ),
        )
        .returning();
    });
    for (const r of rows) this.held.add(r.id);
    if (rows.length > 0) this.startHeartbeat();
    return rows.sort((a, b) => a.priority - b.priority || a.id - b.id);
  }

  /** Renews the lease of every held row a few times per lease, so a slow send is never taken over. */
  private startHeartbeat() {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (this.held.size === 0) return this.stopHeartbeat();
      void this.db
        .update(notifications)
        .set({ claimedAt: this.o.now() })
        .where(
          and(
            inArray(notifications.id, [...this.held]),
            eq(notifications.claimedBy, this.id),
            eq(notifications.status, "sending"),
          ),
        )
        .catch((err) => log.warn({ err }, "outbox: lease renewal failed"));
    }, this.o.leaseMs / 4);
    this.heartbeat.unref();
  }

  private stopHeartbeat() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Puts claimed rows that were not attempted back in the queue, without counting an attempt. */
  private async releaseHeld() {
    if (this.held.size === 0) return;
    const ids = [...this.held];
    await this.db
      .update(notifications)
      .set({
        status: "pending",
        claimedAt: null,
        claimedBy: null,
        attempts: sql`${notifications.attempts} - 1`,
      })
      .where(
        and(
          inArray(notifications.id, ids),
          eq(notifications.claimedBy, this.id),
          eq(notifications.status, "sending"),
        ),
      );
    for (const id of ids) this.held.delete(id);
  }

  /** Where the row goes: its channel, or the recipient on the row's platform (or their first linked one). */
  private async route(row: Row): Promise<{ platform: PlatformName; target: Target } | null> {
    const configured = Object.keys(this.o.senders) as PlatformName[];
    if (row.channel)
      return row.platform
        ? { platform: row.platform as PlatformName, target: { channel: row.channel, userId: null } }
        : null;
    if (!row.recipientId) return null;
    // The row's platform, or the first configured platform the recipient has an account on.
    const accounts = await this.db
      .select({ platform: linkedAccounts.platform, externalId: linkedAccounts.externalId })
      .from(linkedAccounts)
      .where(eq(linkedAccounts.personId, row.recipientId));
    const platform =
      (row.platform as PlatformName | null) ??
      platformOf({ linkedOn: accounts.map((a) => a.platform) }, configured);
    const userId = accounts.find((a) => a.platform === platform)?.externalId;
    return platform && userId ? { platform, target: { channel: null, userId } } : null;
  }

  private async deliver(row: Row): Promise<Outcome> {
    try {
      // A row whose payload fits no kind is given up and reported like any undeliverable message.
      const stored = renderStored(row.payload);
      if (!stored.ok) throw new SendError(stored.why, undefined, true);
      const route = await this.route(row);
      if (!route) throw new SendError("recipient has no id on a configured platform", undefined, true);
      const sender = this.o.senders[route.platform];
      if (!sender) throw new SendError(`platform ${route.platform} is not configured`, undefined, true);
      if (row.kind === "reminder" && !(await reminderStillDue(this.db, row.caseId, stored.payload))) {
        await this.settle(row, { status: "dropped", lastError: "deadline done or moved before sending" });
        return "dropped";
      }
      let payload: Payload = stored.payload;
      if (payload.type === "mijn_dag") {
        // Stored without its lines: they are read from the item rows now, done ones marked.
        const items = await dayItems(this.db, row.id);
        if (!row.platformRef && items.every((i) => i.done)) {
          await this.settleDay(row, "dropped");
          return "dropped";
        }
        payload = { ...payload, items };
      }
      const sent = row.platformRef as PlatformRef | null;
      if (sent && sender.update) {
        // Already out: replace it in place. An update is idempotent, so no confirm is needed.
        await this.withTimeout(sender.update(sent, renderPayload(payload)));
        await this.recordSent(row, route.platform, payload, sent);
        return "sent";
      }
      const conversation = `${route.platform}:${route.target.channel ?? route.target.userId}`;
      const paused = await pausedUntil(this.db, [route.platform, conversation], this.o.now());
      if (paused) return this.putBack(row, paused);
      const wait = await this.pace(route.platform, conversation);
      if (wait) return this.putBack(row, wait);

      if (row.sendStartedAt) {
        // An earlier attempt may have arrived: ask the platform before sending again.
        if (!sender.confirm) {
          await this.settle(row, {
            status: "unconfirmed",
            givenUpAt: this.o.now(),
            lastError: "an earlier attempt may have arrived; the platform cannot tell",
          });
          await this.report(row, "onbekend of het eerder is aangekomen");
          return "unconfirmed";
        }
        if (await sender.confirm(route.target, row.key, new Date(row.sendStartedAt.getTime() - 60_000))) {
          await this.recordSent(row, route.platform, payload);
          return "sent";
        }
      }
      const [mine] = await this.db
        .update(notifications)
        .set({ sendStartedAt: this.o.now() })
        .where(
          and(
            eq(notifications.id, row.id),
            eq(notifications.claimedBy, this.id),
            eq(notifications.status, "sending"),
          ),
        )
        .returning({ id: notifications.id });
      if (!mine) return "lost_claim"; // another dispatcher took it over: it is theirs now
      let where: PlatformRef | undefined;
      try {
        where =
          (await this.withTimeout(sender.send(route.target, renderPayload(payload), { key: row.key }))) ??
          undefined;
      } finally {
        if (this.o.pacePerTargetMs > 0)
          await afterCall(this.db, conversation, this.o.pacePerTargetMs).catch(() => {});
      }
      await this.recordSent(row, route.platform, payload, where);
      return "sent";
    } catch (err) {
      return this.failed(row, err);
    }
  }

  /** A platform call that does not answer within sendTimeoutMs counts as an attempt of unknown outcome. */
  private async withTimeout<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SendError(`no answer within ${this.o.sendTimeoutMs} ms`, undefined, false, true)),
        this.o.sendTimeoutMs,
      );
    });
    try {
      return await Promise.race([call, limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Keeps the conversation's and the platform's pace (shared by all replicas). Returns when the
   * row should be put back because its turn is too far away, or null once its turn has come.
   */
  private async pace(platform: PlatformName, conversation: string): Promise<Date | null> {
    const turns: [string, number][] = [
      [conversation, this.o.pacePerTargetMs],
      [platform, this.o.pacePerPlatformMs[platform] ?? this.o.senders[platform]?.paceMs ?? 0],
    ];
    for (const [scope, interval] of turns) {
      if (interval <= 0) continue;
      const until = await msUntilTurn(this.db, scope);
      if (until > this.o.maxPaceWaitMs) return new Date(this.o.now().getTime() + until);
      const wait = await takeTurn(this.db, scope, interval);
      if (wait > 0) await this.o.sleep(wait);
    }
    return null;
  }

  private async putBack(row: Row, at: Date): Promise<Outcome> {
    await this.settle(row, {
      status: "pending",
      nextAttemptAt: at,
      attempts: sql`${notifications.attempts} - 1`,
    });
    return "deferred";
  }

  /** Ends this dispatcher's claim on a row with the given outcome. */
  private async settle(row: Row, set: Partial<Record<keyof Row, unknown>>) {
    await this.db
      .update(notifications)
      .set({ ...set, claimedBy: null, claimedAt: null } as Partial<Row>)
      .where(eq(notifications.id, row.id));
  }

  /**
   * The platform took the message: record it. A database failure here is not a send failure: the
   * row is remembered and recorded as soon as the database answers again, never sent again.
   */
  private async recordSent(row: Row, platform: PlatformName, shown: Payload, where?: PlatformRef) {
    const at = this.o.now();
    const sent = { row, platform, at, shown, where };
    try {
      await this.markSent(sent);
    } catch (err) {
      this.unrecorded.set(row.id, sent);
      log.error({ notification: row.key, err }, "outbox: sent, not yet recorded");
    }
  }

  /** Marks the row sent and, in the same transaction, logs the delivery as a read (NEN 7513). */
  private async markSent({ row, platform, at, shown, where }: Unrecorded) {
    await this.db.transaction(async (tx) => {
      if (row.kind === DAY_MESSAGE_KIND) {
        // A change since this revision was claimed (an item added or done) sends it again.
        const changed = sql`${notifications.revision} <> ${row.revision}`;
        await tx
          .update(notifications)
          .set({
            status: sql`CASE WHEN ${changed} THEN 'pending'::notification_status ELSE 'sent'::notification_status END`,
            nextAttemptAt: sql`now()`,
            sentAt: at,
            lastError: null,
            claimedBy: null,
            givenUpAt: null,
            sendStartedAt: null,
            ...(where ? { platformRef: where } : {}),
          })
          .where(eq(notifications.id, row.id));
        await tx
          .update(notifications)
          .set({ status: "sent", sentAt: at })
          .where(and(eq(notifications.bundleId, row.id), eq(notifications.status, "pending")));
      } else {
        await tx
          .update(notifications)
          .set({ status: "sent", sentAt: at, lastError: null, claimedBy: null, givenUpAt: null })
          .where(eq(notifications.id, row.id));
      }
      await auditDelivery(tx, { ...row, payload: shown }, this.o.doors?.[platform] ?? platform);
    });
  }

  /** Ends a day message's claim together with its items (dropped, or given up). */
  private async settleDay(
    row: Row,
    status: "dropped" | "failed",
    set: Partial<Record<keyof Row, unknown>> = {},
  ) {
    await this.db.transaction(async (tx) => {
      await tx
        .update(notifications)
        .set({ ...set, status, claimedBy: null, claimedAt: null } as Partial<Row>)
        .where(eq(notifications.id, row.id));
      await tx
        .update(notifications)
        .set({ status })
        .where(and(eq(notifications.bundleId, row.id), eq(notifications.status, "pending")));
    });
  }

  /** Records the sends the database missed; keeps them for the next try if it is still away. */
  private async flushUnrecorded() {
    for (const [id, sent] of [...this.unrecorded]) {
      try {
        await this.markSent(sent);
        this.unrecorded.delete(id);
        this.held.delete(id);
      } catch {
        return;
      }
    }
  }

  /** Sends still to be recorded because the database was away (watched by tests and shutdown). */
  get unrecordedCount(): number {
    return this.unrecorded.size;
  }

  private async failed(row: Row, err: unknown): Promise<Outcome> {
    if (this.unrecorded.has(row.id)) return "sent";
    // Not from a platform (e.g. the database): its text may carry query values, so only the safe part.
    const error =
      err instanceof SendError
        ? err
        : new SendError(String(serializeError(err).message ?? "unexpected error"));
    const now = this.o.now();
    const retryUntil = row.retryUntil ?? new Date(now.getTime() + this.o.retryForMs);
    const giveUp =
      error.permanent ||
      now.getTime() >= retryUntil.getTime() ||
      (this.o.maxAttempts !== undefined && row.attempts >= this.o.maxAttempts);
    const backoff = Math.min(
      this.o.maxDelayMs,
      this.o.baseDelayMs * 2 ** Math.min(20, Math.max(0, row.attempts - 1)),
    );
    const delay = Math.max(backoff, error.retryAfterMs ?? 0);
    try {
      if (error.retryAfterMs !== undefined) {
        const route = await this.route(row);
        if (route) {
          const scope =
            error.pauseScope === "conversation"
              ? `${route.platform}:${route.target.channel ?? route.target.userId}`
              : route.platform;
          await pause(this.db, scope, new Date(now.getTime() + error.retryAfterMs));
        }
      }
      if (giveUp && row.kind === DAY_MESSAGE_KIND)
        await this.settleDay(row, "failed", {
          lastError: error.message.slice(0, 500),
          retryUntil,
          givenUpAt: now,
        });
      await this.settle(row, {
        status: giveUp ? "failed" : "pending",
        lastError: error.message.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + delay),
        retryUntil,
        givenUpAt: giveUp ? now : null,
        // Only an attempt that may have arrived must be checked before the next one.
        ...(error.ambiguous ? {} : { sendStartedAt: null }),
      });
    } catch (dbErr) {
      // The database is away as well: the lease runs out and the row is claimed again later.
      log.error({ notification: row.key, err: dbErr }, "outbox: failure not recorded");
      return "retried";
    }
    log.warn(
      {
        notification: row.key,
        attempts: row.attempts,
        giveUp,
        ambiguous: error.ambiguous,
        error: error.message,
      },
      "send failed",
    );
    if (giveUp) await this.report(row, error.message).catch(() => {});
    return giveUp ? "failed" : "retried";
  }

  private async report(row: Row, reason: string) {
    if (row.kind === "admin") return; // never report a failed report: no loops
    const platform = (row.platform ?? Object.keys(this.o.senders)[0]) as PlatformName | undefined;
    const channel = platform ? this.o.adminChannels?.[platform] : undefined;
    if (!platform || !channel) return;
    const payload: Payload = {
      type: "admin",
      text: `Zicht kon bericht ${row.key} na ${row.attempts} pogingen niet afleveren: ${reason}. Opnieuw proberen: zicht outbox opnieuw`,
    };
    await this.db
      .insert(notifications)
      .values({
        key: `admin:failed:${row.id}:${this.o.now().getTime()}`,
        kind: "admin",
        platform,
        channel,
        payload,
      })
      .onConflictDoNothing({ target: notifications.key });
  }
}

/** Counts per status, and the failures with their reasons (the `outbox` CLI command). */
export async function outboxStatus(db: Db) {
  const counts = await db
    .select({ status: notifications.status, n: sql<number>`count(*)::int` })
    .from(notifications)
    // Items of a day message are not messages of their own: the day message is counted.
    .where(isNull(notifications.bundleId))
    .groupBy(notifications.status);
  const failures = await db
    .select({ key: notifications.key, attempts: notifications.attempts, lastError: notifications.lastError })
    .from(notifications)
    .where(and(eq(notifications.status, "failed"), isNull(notifications.bundleId)))
    .orderBy(asc(notifications.id))
    .limit(100);
  return { counts: Object.fromEntries(counts.map((c) => [c.status, c.n])), failures };
}

/** The case a stored message is about, when it fits a kind that is about one case. */
function zaaknummerOf(raw: unknown): string | null {
  const read = readPayload(raw);
  return read.ok && "zaaknummer" in read.payload ? read.payload.zaaknummer : null;
}

/** Statuses an operator looks at: given up, or possibly delivered but unconfirmable. */
const GIVEN_UP = ["failed", "unconfirmed"] as const;

export interface GivenUpMessage {
  id: number;
  kind: string;
  status: (typeof GIVEN_UP)[number];
  /** The zaaknummer the message is about, when it is about one case. */
  zaaknummer: string | null;
  attempts: number;
  lastError: string | null;
  givenUpAt: Date | null;
}

/** Every message that was given up (`zicht outbox --mislukt`), oldest first. */
export async function givenUpMessages(db: Db, limit = 500): Promise<GivenUpMessage[]> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      status: notifications.status,
      payload: notifications.payload,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      givenUpAt: notifications.givenUpAt,
    })
    .from(notifications)
    .where(and(inArray(notifications.status, [...GIVEN_UP]), isNull(notifications.bundleId)))
    .orderBy(asc(notifications.givenUpAt), asc(notifications.id))
    .limit(limit);
  const out: GivenUpMessage[] = [];
  for (const { payload, ...r } of rows) {
    // A day message is about the cases of its items.
    const zaaknummer =
      r.kind === DAY_MESSAGE_KIND
        ? (await dayItems(db, r.id)).map((i) => i.zaaknummer).join(", ") || null
        : zaaknummerOf(payload);
    out.push({ ...r, status: r.status as GivenUpMessage["status"], zaaknummer });
  }
  return out;
}

/**
 * Queues given-up messages again (`zicht outbox opnieuw [--sinds D]`): those given up at or after
 * `since`, or all. Unconfirmed ones (which may have arrived) only when the operator says so.
 */
export async function requeueGivenUp(
  db: Db,
  options: { since?: Date; includeUnconfirmed?: boolean; now?: Date } = {},
): Promise<number> {
  const statuses = options.includeUnconfirmed ? [...GIVEN_UP] : ["failed" as const];
  const rows = await db
    .update(notifications)
    .set({
      status: "pending",
      attempts: 0,
      nextAttemptAt: options.now ?? new Date(),
      retryUntil: null,
      givenUpAt: null,
      sendStartedAt: null,
      claimedAt: null,
      claimedBy: null,
    })
    .where(
      and(
        inArray(notifications.status, statuses),
        options.since ? gte(notifications.givenUpAt, options.since) : undefined,
        isNull(notifications.bundleId),
      ),
    )
    .returning({ id: notifications.id });
  // A day message's items go back with it (they are delivered inside it).
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 5000)
    await db
      .update(notifications)
      .set({ status: "pending", givenUpAt: null })
      .where(
        and(inArray(notifications.bundleId, ids.slice(i, i + 5000)), inArray(notifications.status, statuses)),
      );
  return rows.length;
}

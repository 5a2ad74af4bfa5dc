import { inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client.ts";
import { outboxPacing } from "../../db/schema.ts";

// The outbox's pace and pauses live in the database, not in a process: two replicas keep one
// conversation's pace together, and a 429 seen by one pauses the platform for both.

/** The latest pause over any of `scopes` that is still running at `now`, or null. */
export async function pausedUntil(db: Db, scopes: string[], now: Date): Promise<Date | null> {
  const rows = await db
    .select({ until: outboxPacing.pausedUntil })
    .from(outboxPacing)
    .where(inArray(outboxPacing.scope, scopes));
  const latest = Math.max(0, ...rows.map((r) => r.until?.getTime() ?? 0));
  return latest > now.getTime() ? new Date(latest) : null;
}

/** Pauses a scope (a platform, or one conversation on it) until `until`, for every replica. */
export async function pause(db: Db, scope: string, until: Date): Promise<void> {
  await db
    .insert(outboxPacing)
    .values({ scope, pausedUntil: until })
    .onConflictDoUpdate({
      target: outboxPacing.scope,
      set: { pausedUntil: sql`greatest(${outboxPacing.pausedUntil}, excluded.paused_until)` },
    });
}

// Turns are kept on the database's own clock (clock_timestamp()): it is the one clock every
// replica shares, and pace is about real time between platform calls, not the business clock.

/** How long until the next message to `scope` may go (0 when it may go now), without taking that turn. */
export async function msUntilTurn(db: Db, scope: string): Promise<number> {
  const [row] = rowsOf<{ wait: number | string | null }>(
    await db.execute(
      sql`select extract(epoch from (next_at - clock_timestamp())) * 1000 as wait from outbox_pacing where scope = ${scope}`,
    ),
  );
  return Math.max(0, Number(row?.wait ?? 0));
}

/**
 * Takes the next turn of `scope` atomically: returns how long to wait until this message may go
 * (0, or until the end of the previous message's interval), and moves the scope's next turn one
 * interval past it.
 */
export async function takeTurn(db: Db, scope: string, intervalMs: number): Promise<number> {
  const interval = sql`make_interval(secs => ${intervalMs / 1000})`;
  const [row] = rowsOf<{ wait: number | string }>(
    await db.execute(sql`
      insert into outbox_pacing (scope, next_at)
      values (${scope}, clock_timestamp() + ${interval})
      on conflict (scope) do update
        set next_at = greatest(outbox_pacing.next_at, clock_timestamp()) + ${interval}
      returning extract(epoch from (next_at - ${interval} - clock_timestamp())) * 1000 as wait`),
  );
  return Math.max(0, Number(row?.wait ?? 0));
}

/**
 * After a platform call ended: the scope's next turn is at least one interval from now, so the
 * interval holds between what the platform received, not only between when calls were started.
 */
export async function afterCall(db: Db, scope: string, intervalMs: number): Promise<void> {
  await db.execute(sql`
    update outbox_pacing
      set next_at = greatest(next_at, clock_timestamp() + make_interval(secs => ${intervalMs / 1000}))
      where scope = ${scope}`);
}

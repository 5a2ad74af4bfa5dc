import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../db/client.ts";
import { cases, deadlines, notifications, people } from "../../db/schema.ts";
import type { IsoDate } from "../domain/types.ts";
import type { DayItem, DayMessagePayload, ReminderPayload } from "./payloads.ts";

// A person's day message ("Mijn dag") is one outbox row of kind mijn_dag; each (deadline, stage)
// in it is its own reminder row pointing at it (bundle_id), which keeps the once-only guarantee
// of its unique key but is never sent by itself. The message is rendered from its items when it is
// sent, and sent again as an in-place update whenever an item is added or done.

export const DAY_MESSAGE_KIND = "mijn_dag";

/** One message per person per working day, whichever replica queues it. */
export const dayMessageKey = (personCode: string, day: IsoDate) => `mijndag:${personCode}:${day}`;

export type { DayItem, DayMessagePayload };

/**
 * The message must be (re)sent: a sent one is updated in place, a dropped one (everything was done
 * before it went out) is sent after all. One being sent right now is sent again afterwards: the
 * dispatcher only marks it sent when the revision it rendered is still the latest.
 */
export async function reopenDayMessages(tx: Db | Tx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const again = sql`${notifications.status} IN ('sent', 'dropped', 'failed')`;
  await tx
    .update(notifications)
    .set({
      revision: sql`${notifications.revision} + 1`,
      status: sql`CASE WHEN ${again} THEN 'pending'::notification_status ELSE ${notifications.status} END`,
      nextAttemptAt: sql`CASE WHEN ${again} THEN now() ELSE ${notifications.nextAttemptAt} END`,
      attempts: sql`CASE WHEN ${again} THEN 0 ELSE ${notifications.attempts} END`,
      retryUntil: sql`CASE WHEN ${again} THEN NULL ELSE ${notifications.retryUntil} END`,
      givenUpAt: sql`CASE WHEN ${again} THEN NULL ELSE ${notifications.givenUpAt} END`,
    })
    .where(and(inArray(notifications.id, [...ids]), eq(notifications.kind, DAY_MESSAGE_KIND)));
}

/** The message's items, each marked done when its deadline is no longer open as it was. */
export async function dayItems(db: Db | Tx, bundleId: number): Promise<DayItem[]> {
  const rows = await db
    .select({ caseId: notifications.caseId, payload: notifications.payload })
    .from(notifications)
    .where(eq(notifications.bundleId, bundleId))
    .orderBy(notifications.id);
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((id): id is number => id !== null))];
  const open = new Set<string>();
  if (caseIds.length > 0) {
    const live = await db
      .select({ caseId: deadlines.caseId, kind: deadlines.kind, due: deadlines.due })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(and(inArray(deadlines.caseId, caseIds), ne(cases.phase, "afgesloten")));
    for (const d of live) open.add(`${d.caseId}|${d.kind}|${d.due}`);
  }
  return rows.map((r) => {
    const p = r.payload as ReminderPayload;
    return { ...p, done: !open.has(`${r.caseId}|${p.kind}|${p.due}`) };
  });
}

/**
 * After a case's deadlines were rewritten: the sent day message with an item of these cases whose
 * deadline is gone is updated in place (once per item: the item is marked done).
 */
export async function markDoneInDayMessages(tx: Db | Tx, caseIds: readonly number[]): Promise<void> {
  if (caseIds.length === 0) return;
  const gone = await tx
    .update(notifications)
    .set({ payload: sql`${notifications.payload} || '{"done": true}'::jsonb` })
    .where(
      and(
        inArray(notifications.caseId, [...caseIds]),
        sql`${notifications.bundleId} IS NOT NULL`,
        sql`NOT (${notifications.payload} ? 'done')`,
        sql`NOT EXISTS (SELECT 1 FROM ${deadlines} d WHERE d.case_id = ${notifications.caseId}
              AND d.kind::text = ${notifications.payload}->>'kind' AND d.due::text = ${notifications.payload}->>'due')`,
      ),
    )
    .returning({
      bundleId: notifications.bundleId,
      caseId: notifications.caseId,
      recipientId: notifications.recipientId,
      payload: notifications.payload,
    });
  // A deadline reminded to someone on several days is updated in her latest message only (the one
  // she reads today); day messages are created in day order, so that is the highest id. The owner's
  // and the PB's (escalation) message are both updated.
  const latest = new Map<string, number>();
  for (const g of gone) {
    const p = g.payload as ReminderPayload;
    const id = `${g.recipientId}|${g.caseId}|${p.kind}|${p.due}`;
    if (g.bundleId !== null && g.bundleId > (latest.get(id) ?? 0)) latest.set(id, g.bundleId);
  }
  const bundles = [...new Set(latest.values())];
  if (bundles.length === 0) return;
  // Only messages already out need an update; one still queued is rendered fresh when it goes.
  const sent = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.id, bundles), inArray(notifications.status, ["sent", "sending"])));
  await reopenDayMessages(
    tx,
    sent.map((s) => s.id),
  );
}

/**
 * Items of a case not yet delivered follow it to their new recipient (a handover decided): each
 * moves to that person's day message of the same day — created, or updated in place when it was
 * already sent — and leaves the old one.
 */
export async function regroupDayItems(tx: Db | Tx, caseId: number): Promise<void> {
  const bundle = alias(notifications, "bundle");
  const moving = await tx
    .select({
      id: notifications.id,
      from: notifications.bundleId,
      to: notifications.recipientId,
      code: people.code,
      fromRecipient: bundle.recipientId,
      day: sql<string>`${bundle.payload}->>'day'`,
    })
    .from(notifications)
    .innerJoin(bundle, eq(bundle.id, notifications.bundleId))
    .innerJoin(people, eq(people.id, notifications.recipientId))
    .where(
      and(
        eq(notifications.caseId, caseId),
        eq(notifications.status, "pending"),
        sql`${notifications.recipientId} IS DISTINCT FROM ${bundle.recipientId}`,
      ),
    );
  const touched = new Set<number>();
  for (const m of moving) {
    const payload: DayMessagePayload = { type: "mijn_dag", day: m.day, items: [] };
    const key = dayMessageKey(m.code, m.day);
    await tx
      .insert(notifications)
      .values({ key, kind: DAY_MESSAGE_KIND, recipientId: m.to, payload })
      .onConflictDoNothing({ target: notifications.key });
    const [target] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.key, key));
    if (!target) continue;
    await tx.update(notifications).set({ bundleId: target.id }).where(eq(notifications.id, m.id));
    touched.add(target.id);
    if (m.from !== null) touched.add(m.from);
  }
  await reopenDayMessages(tx, [...touched]);
}

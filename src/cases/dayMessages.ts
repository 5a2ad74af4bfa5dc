import { and, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
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

/** A day-message item whose deadline is gone, as the statement below returns it. */
export interface DoneItem {
  bundle_id: number | null;
  case_id: number | null;
  recipient_id: number | null;
  payload: unknown;
}

/**
 * The part of a deadline rewrite that marks items done: every sent day-message item of `caseIds`
 * whose deadline is not among `open` (the rewritten deadlines, a relation with case_id, kind and
 * due) gets `done`. It runs as the main query of the rewrite's one statement (deadlineStore.ts),
 * so it compares with the new deadlines, not the table, which that statement does not yet see.
 */
export function markItemsDone(caseIds: SQL, open: SQL): SQL {
  return sql`
    update ${notifications} n set payload = n.payload || '{"done": true}'::jsonb
    where n.case_id = ${caseIds} and n.bundle_id is not null and not (n.payload ? 'done')
      and not exists (select 1 from ${open} d where d.case_id = n.case_id
                      and d.kind::text = n.payload->>'kind' and d.due::text = n.payload->>'due')
    returning n.bundle_id, n.case_id, n.recipient_id, n.payload`;
}

/**
 * After items were marked done: the sent day message that holds them is updated in place (once
 * per item, in the recipient's latest message).
 */
export async function reopenForDoneItems(tx: Db | Tx, gone: readonly DoneItem[]): Promise<void> {
  // A deadline reminded to someone on several days is updated in her latest message only (the one
  // she reads today); day messages are created in day order, so that is the highest id. The owner's
  // and the PB's (escalation) message are both updated.
  const latest = new Map<string, number>();
  for (const g of gone) {
    const p = g.payload as ReminderPayload;
    const id = `${g.recipient_id}|${g.case_id}|${p.kind}|${p.due}`;
    const bundle = g.bundle_id === null ? null : Number(g.bundle_id);
    if (bundle !== null && bundle > (latest.get(id) ?? 0)) latest.set(id, bundle);
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

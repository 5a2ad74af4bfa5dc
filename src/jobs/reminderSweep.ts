import { and, eq, inArray, lte, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { cases, deadlines, notifications, reminderSnoozes } from "../../db/schema.ts";
import {
  DAY_MESSAGE_KIND,
  type DayMessagePayload,
  dayMessageKey,
  reopenDayMessages,
} from "../cases/dayMessages.ts";
import type { PlatformName } from "../cases/identity.ts";
import type { Payload, ReminderPayload } from "../cases/payloads.ts";
import { type LinkedRecipient, loadAbsences, loadRecipients, platformOf } from "../cases/recipients.ts";
import type { Calendar } from "../domain/calendar.ts";
import type { Policy } from "../domain/policy.ts";
import { type ReminderStage, stagesDue } from "../domain/reminders.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import { isAbsent, worksOn } from "../domain/workingPattern.ts";

export interface PlannedReminder {
  kind: DeadlineKind;
  zaaknummer: string;
  /** Person code of who gets it; null when nobody can (no owner and no PB in the team). */
  recipient: string | null;
  due: IsoDate;
  stage: ReminderStage;
  caseId: number;
  recipientId: number | null;
  /** The case owner's name (an escalation names whom the PB is warned about); null without owner. */
  ownerName: string | null;
  /** The owner's name when the PB gets the owner's reminder because the owner is absent on the due day. */
  standingInFor: string | null;
}

export type { ReminderPayload };

/** One reminder per case, deadline kind, due date and stage — never twice (domain.md §6). */
export const reminderKey = (zaaknummer: string, kind: DeadlineKind, due: IsoDate, stage: ReminderStage) =>
  `reminder:${zaaknummer}:${kind}:${due}:${stage}`;

const deadlineId = (caseId: number, kind: string, due: string) => `${caseId}|${kind}|${due}`;

/**
 * What the sweep of working day `day` sends: for every open deadline the latest owner stage whose
 * send date has come (unless that or a later stage went out already) and the escalation to the PB.
 */
export async function planReminders(
  tx: Db | Tx,
  rules: { policy: Policy; calendar: Calendar },
  day: IsoDate,
): Promise<PlannedReminder[]> {
  const { policy, calendar } = rules;
  if (!calendar.isWorkingDay(day)) return [];
  // A deadline can only have a send date on or before `day` if its vooraf date has come.
  const horizon = calendar.addWorkdays(day, policy.reminders.voorafWorkdays + 1);
  const open = await tx
    .select({
      caseId: deadlines.caseId,
      kind: deadlines.kind,
      due: deadlines.due,
      zaaknummer: cases.zaaknummer,
      ownerId: cases.ownerId,
      teamId: cases.teamId,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(lte(deadlines.due, horizon), ne(cases.phase, "afgesloten")));
  if (open.length === 0) return [];

  const caseIds = [...new Set(open.map((d) => d.caseId))];
  const sent = new Map<string, ReminderStage[]>();
  const snoozed = new Map<string, IsoDate>();
  for (let i = 0; i < caseIds.length; i += 5000) {
    const ids = caseIds.slice(i, i + 5000);
    const rows = await tx
      .select({ caseId: notifications.caseId, key: notifications.key })
      .from(notifications)
      // A given-up reminder does not count as sent: the next sweep queues it again.
      .where(
        and(
          eq(notifications.kind, "reminder"),
          inArray(notifications.caseId, ids),
          ne(notifications.status, "failed"),
        ),
      );
    for (const r of rows) {
      const [, , kind, due, stage] = r.key.split(":");
      const id = deadlineId(r.caseId ?? 0, kind ?? "", due ?? "");
      sent.set(id, [...(sent.get(id) ?? []), stage as ReminderStage]);
    }
    const snoozes = await tx.select().from(reminderSnoozes).where(inArray(reminderSnoozes.caseId, ids));
    for (const s of snoozes) {
      const id = deadlineId(s.caseId, s.kind, s.due);
      if ((snoozed.get(id) ?? "") < s.until) snoozed.set(id, s.until);
    }
  }

  const { byId, pbByTeam } = await loadRecipients(tx);
  const earliestDue = open.reduce((min, d) => (d.due < min ? d.due : min), day);
  const away = await loadAbsences(tx, earliestDue);
  const pattern = (p: LinkedRecipient) => ({ workingDays: p.workingDays, absences: away.get(p.id) ?? [] });
  const planned: PlannedReminder[] = [];
  for (const d of open) {
    const id = deadlineId(d.caseId, d.kind, d.due);
    const pausedUntil = snoozed.get(id);
    for (const stage of stagesDue(d.due, day, sent.get(id) ?? [], policy, calendar)) {
      if (stage !== "escalatie" && pausedUntil && pausedUntil > day) continue;
      const pb = pbByTeam.get(d.teamId) ?? null;
      const owner = d.ownerId ? byId.get(d.ownerId) : undefined;
      // An owner away on the due day cannot do it: the team's PB stands in (and can hand it over).
      const ownerAway = owner !== undefined && isAbsent(away.get(owner.id) ?? [], d.due);
      const to: LinkedRecipient | null = stage === "escalatie" || !owner || ownerAway ? pb : owner;
      // Not at work today (a day off, leave): the stage stays unsent and the sweep of her next
      // working day sends what still makes sense then.
      if (to && !worksOn(pattern(to), day)) continue;
      planned.push({
        kind: d.kind,
        zaaknummer: d.zaaknummer,
        recipient: to?.code ?? null,
        due: d.due,
        stage,
        caseId: d.caseId,
        recipientId: to?.id ?? null,
        ownerName: owner?.name ?? null,
        standingInFor: stage !== "escalatie" && ownerAway && pb ? (owner?.name ?? null) : null,
      });
    }
  }
  return planned.sort(
    (a, b) =>
      a.due.localeCompare(b.due) || a.zaaknummer.localeCompare(b.zaaknummer) || a.kind.localeCompare(b.kind),
  );
}

/**
 * Queues the day's reminders in the outbox: one day message per recipient (`mijndag:CODE:DAY`),
 * holding one item row per (deadline, stage). The unique keys make a second run — or a second
 * replica — add nothing; an item added to a message already sent updates it in place.
 */
export async function enqueueReminders(
  tx: Db | Tx,
  rules: { policy: Policy; calendar: Calendar },
  day: IsoDate,
  platforms: readonly PlatformName[],
): Promise<{ planned: number; queued: number; unreachable: number; messages: number }> {
  const planned = await planReminders(tx, rules, day);
  const { byId } = await loadRecipients(tx);
  let unreachable = 0;
  const reachable: { r: PlannedReminder; person: LinkedRecipient; platform: PlatformName }[] = [];
  for (const r of planned) {
    const person = r.recipientId ? byId.get(r.recipientId) : undefined;
    const platform = person ? platformOf(person, platforms) : null;
    if (!person || !platform) unreachable++;
    else reachable.push({ r, person, platform });
  }
  const recipients = new Map(reachable.map((x) => [x.person.id, x]));
  const bundleOf = new Map<number, number>();
  const dayPayload: DayMessagePayload = { type: "mijn_dag", day, items: [] };
  const bundles = [...recipients.values()].map(({ person, platform }) => ({
    key: dayMessageKey(person.code, day),
    kind: DAY_MESSAGE_KIND,
    platform,
    recipientId: person.id,
    payload: dayPayload,
  }));
  for (let i = 0; i < bundles.length; i += 1000) {
    const chunk = bundles.slice(i, i + 1000);
    await tx.insert(notifications).values(chunk).onConflictDoNothing({ target: notifications.key });
    const ids = await tx
      .select({ id: notifications.id, recipientId: notifications.recipientId })
      .from(notifications)
      .where(
        inArray(
          notifications.key,
          chunk.map((b) => b.key),
        ),
      );
    for (const b of ids) if (b.recipientId !== null) bundleOf.set(b.recipientId, b.id);
  }

  let queued = 0;
  const grown = new Set<number>();
  for (let i = 0; i < reachable.length; i += 1000) {
    const rows = reachable.slice(i, i + 1000).map(({ r, person, platform }) => {
      const payload: ReminderPayload = {
        type: "reminder",
        zaaknummer: r.zaaknummer,
        kind: r.kind,
        due: r.due,
        stage: r.stage,
        owner: r.stage === "escalatie" ? r.ownerName : null,
        ...(r.standingInFor ? { standingInFor: r.standingInFor } : {}),
      };
      return {
        key: reminderKey(r.zaaknummer, r.kind, r.due, r.stage),
        kind: "reminder",
        platform,
        recipientId: person.id,
        caseId: r.caseId,
        bundleId: bundleOf.get(person.id) ?? null,
        payload,
      };
    });
    if (rows.length === 0) continue;
    const inserted = await tx
      .insert(notifications)
      .values(rows)
      .onConflictDoUpdate({
        target: notifications.key,
        // A reminder given up earlier is queued afresh, in today's message; any other existing row
        // stays as it is.
        set: {
          status: "pending",
          attempts: 0,
          nextAttemptAt: sql`now()`,
          retryUntil: null,
          givenUpAt: null,
          sendStartedAt: null,
          lastError: null,
          bundleId: sql`excluded.bundle_id`,
          payload: sql`excluded.payload`,
        },
        setWhere: eq(notifications.status, "failed"),
      })
      .returning({ bundleId: notifications.bundleId });
    queued += inserted.length;
    for (const b of inserted) if (b.bundleId !== null) grown.add(b.bundleId);
  }
  await reopenDayMessages(tx, [...grown]);
  return { planned: planned.length, queued, unreachable, messages: grown.size };
}

/**
 * Whether a queued reminder is still true when it is about to be sent: its deadline is still open
 * with the same due date and the case is not closed. A deadline done or moved in the meantime
 * (contact recorded, plan renewed) drops the reminder rather than delivering it late.
 */
export async function reminderStillDue(db: Db | Tx, caseId: number | null, p: Payload): Promise<boolean> {
  if (caseId === null || p.type !== "reminder") return true;
  const [open] = await db
    .select({ due: deadlines.due })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(
      and(
        eq(deadlines.caseId, caseId),
        eq(deadlines.kind, p.kind),
        eq(deadlines.due, p.due),
        ne(cases.phase, "afgesloten"),
      ),
    );
  return Boolean(open);
}

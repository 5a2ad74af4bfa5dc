import { and, eq, isNull, max, min, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { inList } from "../../db/inList.ts";
import { arijAssessments, cases, contacts, deadlines, milestones } from "../../db/schema.ts";
import type { Calendar } from "../domain/calendar.ts";
import { type CaseFacts, type Deadline, openDeadlines } from "../domain/deadlines.ts";
import type { Policy } from "../domain/policy.ts";
import type { IsoDate, MarkableMilestone } from "../domain/types.ts";
import { markDoneInDayMessages } from "./dayMessages.ts";

// The deadlines table is derived data: after any change to a case, its rows are rewritten from
// the case's facts inside the same transaction, so "due by date X" is a range scan.

const CHUNK = 2000;

export async function loadCaseFacts(
  tx: Db | Tx,
  caseIds: readonly number[],
): Promise<Map<number, CaseFacts>> {
  const facts = new Map<number, CaseFacts>();
  if (caseIds.length === 0) return facts;
  const ids = [...caseIds];
  // Five independent reads sent together: one round trip's wait instead of five. Voided records
  // are kept for the history but count for no deadline.
  const [rows, f2f, arij, concerns, done] = await Promise.all([
    tx
      .select()
      .from(cases)
      .where(inList(cases.id, ids, "integer")),
    tx
      .select({ caseId: contacts.caseId, first: min(contacts.date), last: max(contacts.date) })
      .from(contacts)
      .where(
        and(
          inList(contacts.caseId, ids, "integer"),
          eq(contacts.kind, "kind_face_to_face"),
          isNull(contacts.voidedAt),
        ),
      )
      .groupBy(contacts.caseId),
    tx
      .select({ caseId: arijAssessments.caseId, last: max(arijAssessments.date) })
      .from(arijAssessments)
      .where(and(inList(arijAssessments.caseId, ids, "integer"), isNull(arijAssessments.voidedAt)))
      .groupBy(arijAssessments.caseId),
    tx
      .select({ caseId: contacts.caseId, date: contacts.date })
      .from(contacts)
      .where(
        and(
          inList(contacts.caseId, ids, "integer"),
          eq(contacts.newConcerns, true),
          isNull(contacts.voidedAt),
        ),
      ),
    tx
      .select({ caseId: milestones.caseId, kind: milestones.kind, refDate: milestones.refDate })
      .from(milestones)
      .where(inList(milestones.caseId, ids, "integer")),
  ]);

  const f2fBy = new Map(f2f.map((r) => [r.caseId, r]));
  const arijBy = new Map(arij.map((r) => [r.caseId, r.last]));
  const concernsBy = groupBy(concerns, (r) => r.caseId);
  const doneBy = groupBy(done, (r) => r.caseId);
  for (const c of rows) {
    const lastArij = arijBy.get(c.id) ?? null;
    // New concerns stay open until an ARIJ on or after the day they were raised.
    const concernsSince =
      (concernsBy.get(c.id) ?? [])
        .filter((r) => lastArij === null || r.date > lastArij)
        .map((r) => r.date)
        .sort()[0] ?? null;
    facts.set(c.id, {
      measure: c.measure,
      phase: c.phase,
      receivedOn: c.receivedOn,
      rulingOn: c.rulingOn,
      endDate: c.endDate,
      firstFaceToFaceContact: f2fBy.get(c.id)?.first ?? null,
      lastFaceToFaceContact: f2fBy.get(c.id)?.last ?? null,
      lastArij,
      contactFrequencyWeeks: c.contactFrequencyWeeks,
      plannedKernbesluit: c.plannedKernbesluit,
      concernsSince,
      milestonesDone: (doneBy.get(c.id) ?? []).map((m) => ({
        kind: m.kind as MarkableMilestone,
        refDate: m.refDate as IsoDate | null,
      })),
    });
  }
  return facts;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The rows written to the deadlines table. */
export interface StoredDeadline {
  caseId: number;
  kind: Deadline["kind"];
  due: IsoDate;
  basis: string;
}

/** Rewrites the cases' deadlines and returns the rows written (so callers need not read them back). */
export async function refreshDeadlines(
  tx: Db | Tx,
  rules: { policy: Policy; calendar: Calendar },
  caseIds: readonly number[],
): Promise<StoredDeadline[]> {
  const written: StoredDeadline[] = [];
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const ids = caseIds.slice(i, i + CHUNK);
    const facts = await loadCaseFacts(tx, ids);
    await tx.delete(deadlines).where(inList(deadlines.caseId, ids, "integer"));
    const rows = [...facts].flatMap(([caseId, f]) =>
      openDeadlines(f, rules.policy, rules.calendar).map(
        (d): StoredDeadline => ({
          caseId,
          kind: d.kind,
          due: d.due,
          basis: d.basis,
        }),
      ),
    );
    for (let j = 0; j < rows.length; j += CHUNK) {
      // One JSON parameter instead of four per row: drizzle builds a VALUES list a parameter at a
      // time, which took longer than the insert itself for a 100,000-case import.
      const json = JSON.stringify(
        rows
          .slice(j, j + CHUNK)
          .map((r) => ({ case_id: r.caseId, kind: r.kind, due: r.due, basis: r.basis })),
      );
      await tx.execute(sql`
        insert into deadlines (case_id, kind, due, basis)
        select case_id, kind, due, basis
        from jsonb_to_recordset(${json}::jsonb) as x(case_id integer, kind deadline_kind, due date, basis text)`);
    }
    written.push(...rows);
    await markDoneInDayMessages(tx, ids);
  }
  return written;
}

/** Every case's deadlines again, e.g. after the policy or the calendar changed. */
export async function refreshAllDeadlines(tx: Db | Tx, rules: { policy: Policy; calendar: Calendar }) {
  const ids = await tx.select({ id: cases.id }).from(cases).where(sql`${cases.phase} <> 'afgesloten'`);
  await refreshDeadlines(
    tx,
    rules,
    ids.map((r) => r.id),
  );
}

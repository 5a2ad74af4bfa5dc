import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "../../db/client.ts";
import { inList } from "../../db/inList.ts";
import { col, fromJson, jsonList } from "../../db/jsonRow.ts";
import { arijAssessments, cases, contacts, deadlines, milestones } from "../../db/schema.ts";
import type { Calendar } from "../domain/calendar.ts";
import { type CaseFacts, type Deadline, openDeadlines } from "../domain/deadlines.ts";
import type { Policy } from "../domain/policy.ts";
import type { IsoDate, MarkableMilestone } from "../domain/types.ts";
import { type DoneItem, markItemsDone, reopenForDoneItems } from "./dayMessages.ts";

// The deadlines table is derived data: after any change to a case, its rows are rewritten from
// the case's facts inside the same transaction, so "due by date X" is a range scan.

const CHUNK = 2000;

const milestoneFields = { kind: milestones.kind, refDate: milestones.refDate };

export async function loadCaseFacts(
  tx: Db | Tx,
  caseIds: readonly number[],
): Promise<Map<number, CaseFacts>> {
  const facts = new Map<number, CaseFacts>();
  if (caseIds.length === 0) return facts;
  const ids = [...caseIds];
  // One statement: each fact a subquery per case (an index lookup on case_id), not five reads.
  // Drizzle writes no table names in a one-table select: inside the subqueries col() does.
  // Voided records are kept for the history but count for no deadline.
  const f2f = sql`${col(contacts.caseId)} = ${col(cases.id)} and ${col(contacts.kind)} = 'kind_face_to_face' and ${col(contacts.voidedAt)} is null`;
  const rows = await tx
    .select({
      id: cases.id,
      measure: cases.measure,
      phase: cases.phase,
      receivedOn: cases.receivedOn,
      rulingOn: cases.rulingOn,
      endDate: cases.endDate,
      contactFrequencyWeeks: cases.contactFrequencyWeeks,
      plannedKernbesluit: cases.plannedKernbesluit,
      firstF2f: sql<IsoDate | null>`(select min(${col(contacts.date)}) from ${contacts} where ${f2f})`,
      lastF2f: sql<IsoDate | null>`(select max(${col(contacts.date)}) from ${contacts} where ${f2f})`,
      lastArij: sql<IsoDate | null>`(select max(${col(arijAssessments.date)}) from ${arijAssessments}
        where ${col(arijAssessments.caseId)} = ${col(cases.id)} and ${col(arijAssessments.voidedAt)} is null)`,
      concerns: jsonList(
        { date: contacts.date },
        sql`${contacts}`,
        sql`${col(contacts.caseId)} = ${col(cases.id)} and ${col(contacts.newConcerns)} and ${col(contacts.voidedAt)} is null`,
        [{ by: contacts.date }],
      ),
      done: jsonList(milestoneFields, sql`${milestones}`, sql`${col(milestones.caseId)} = ${col(cases.id)}`, [
        { by: milestones.id },
      ]),
    })
    .from(cases)
    .where(inList(cases.id, ids, "integer"));

  for (const c of rows) {
    const lastArij = c.lastArij;
    // New concerns stay open until an ARIJ on or after the day they were raised.
    const concernsSince =
      c.concerns
        .map((json) => fromJson({ date: contacts.date }, json).date)
        .filter((date) => lastArij === null || date > lastArij)
        .sort()[0] ?? null;
    facts.set(c.id, {
      measure: c.measure,
      phase: c.phase,
      receivedOn: c.receivedOn,
      rulingOn: c.rulingOn,
      endDate: c.endDate,
      firstFaceToFaceContact: c.firstF2f,
      lastFaceToFaceContact: c.lastF2f,
      lastArij,
      contactFrequencyWeeks: c.contactFrequencyWeeks,
      plannedKernbesluit: c.plannedKernbesluit,
      concernsSince,
      milestonesDone: c.done.map((json) => {
        const m = fromJson(milestoneFields, json);
        return { kind: m.kind as MarkableMilestone, refDate: m.refDate };
      }),
    });
  }
  return facts;
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
    const gone = rowsOf<DoneItem>(await tx.execute(rewriteStatement(ids, rows)));
    written.push(...rows);
    await reopenForDoneItems(tx, gone);
  }
  return written;
}

/**
 * One statement per batch: the cases' deadlines become `rows` (kinds no longer open are deleted,
 * the others inserted or updated in place) and sent day-message items whose deadline is gone are
 * marked done. Three statements before; every recording on a case runs this.
 */
function rewriteStatement(ids: readonly number[], rows: readonly StoredDeadline[]): SQL {
  // One JSON parameter instead of four per row: drizzle builds a VALUES list a parameter at a
  // time, which took longer than the insert itself for a 100,000-case import.
  const json = JSON.stringify(
    rows.map((r) => ({ case_id: r.caseId, kind: r.kind, due: r.due, basis: r.basis })),
  );
  const caseIds = sql`any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::integer[])`;
  // The delete and the upsert touch different rows (kinds not open / open), so the order in which
  // PostgreSQL runs the two parts of one statement does not matter.
  return sql`
    with fresh as materialized (
      select case_id, kind, due, basis
      from jsonb_to_recordset(${json}::jsonb) as x(case_id integer, kind deadline_kind, due date, basis text)
    ), dropped as (
      delete from ${deadlines} d where d.case_id = ${caseIds}
        and not exists (select 1 from fresh o where o.case_id = d.case_id and o.kind = d.kind)
    ), written as (
      insert into ${deadlines} (case_id, kind, due, basis) select case_id, kind, due, basis from fresh
      on conflict (case_id, kind) do update set due = excluded.due, basis = excluded.basis
        where (${deadlines}.due, ${deadlines}.basis) is distinct from (excluded.due, excluded.basis)
    )
    ${markItemsDone(caseIds, sql`fresh`)}`;
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

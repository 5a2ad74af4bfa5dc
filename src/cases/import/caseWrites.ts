import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../../db/client.ts";
import type { cases } from "../../../db/schema.ts";
import type { RiskLevel } from "../../domain/types.ts";

// A batch of an import goes to the database as one JSON parameter per statement. drizzle builds a
// multi-row VALUES list one parameter at a time, and that cost more than the database's own work:
// 3.7 s of a 10,000-case import's 21 s went to building insert statements.

type CaseValues = Omit<typeof cases.$inferInsert, "id" | "createdAt" | "updatedAt">;

/**
 * Inserts new cases and updates stored ones by zaaknummer, in one statement. A stored case meets
 * its own zaaknummer and is updated, so the history trigger on cases sees an UPDATE, as with any
 * other change of a case.
 */
export async function upsertCases(
  tx: Tx,
  rows: readonly CaseValues[],
): Promise<{ id: number; zaaknummer: string }[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map((r) => ({
      zaaknummer: r.zaaknummer,
      measure: r.measure,
      received_on: r.receivedOn,
      ruling_on: r.rulingOn ?? null,
      end_date: r.endDate ?? null,
      phase: r.phase,
      phase_since: r.phaseSince,
      team_id: r.teamId,
      owner_id: r.ownerId ?? null,
      birth_years: r.birthYears ?? [],
      planned_kernbesluit: r.plannedKernbesluit ?? null,
      contact_frequency_weeks: r.contactFrequencyWeeks ?? null,
      direct_unsafe: r.directUnsafe ?? false,
      priority_class: r.priorityClass ?? null,
      priority_score: r.priorityScore ?? null,
    })),
  );
  const result = await tx.execute(sql`
    insert into cases (zaaknummer, measure, received_on, ruling_on, end_date, phase, phase_since, team_id,
                       owner_id, birth_years, planned_kernbesluit, contact_frequency_weeks, direct_unsafe,
                       priority_class, priority_score, updated_at)
    select zaaknummer, measure, received_on, ruling_on, end_date, phase, phase_since, team_id,
           owner_id, birth_years, planned_kernbesluit, contact_frequency_weeks, direct_unsafe,
           priority_class, priority_score, now()
    from jsonb_to_recordset(${json}::jsonb) as x(
      zaaknummer text, measure measure, received_on date, ruling_on date, end_date date, phase phase,
      phase_since date, team_id integer, owner_id integer, birth_years integer[], planned_kernbesluit date,
      contact_frequency_weeks integer, direct_unsafe boolean, priority_class priority_class,
      priority_score integer)
    on conflict (zaaknummer) do update set
      measure = excluded.measure, received_on = excluded.received_on, ruling_on = excluded.ruling_on,
      end_date = excluded.end_date, phase = excluded.phase, phase_since = excluded.phase_since,
      team_id = excluded.team_id, owner_id = excluded.owner_id, birth_years = excluded.birth_years,
      planned_kernbesluit = excluded.planned_kernbesluit,
      contact_frequency_weeks = excluded.contact_frequency_weeks, direct_unsafe = excluded.direct_unsafe,
      priority_class = excluded.priority_class, priority_score = excluded.priority_score,
      updated_at = excluded.updated_at
    returning id, zaaknummer`);
  return rowsOf<{ id: number; zaaknummer: string }>(result);
}

/** Face-to-face contacts on the dates the file names. */
export async function insertContacts(tx: Tx, rows: readonly { caseId: number; date: string }[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({ case_id: r.caseId, date: r.date })));
  await tx.execute(sql`
    insert into contacts (case_id, date, kind)
    select case_id, date, 'kind_face_to_face' from jsonb_to_recordset(${json}::jsonb) as x(case_id integer, date date)`);
}

/** Periodic ARIJs on the dates the file names, with their risk. */
export async function insertArijs(
  tx: Tx,
  rows: readonly { caseId: number; date: string; risk: RiskLevel }[],
) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({ case_id: r.caseId, date: r.date, risk: r.risk })));
  await tx.execute(sql`
    insert into arij_assessments (case_id, date, risk, reason)
    select case_id, date, risk, 'periodiek'
    from jsonb_to_recordset(${json}::jsonb) as x(case_id integer, date date, risk risk_level)`);
}

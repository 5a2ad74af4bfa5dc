import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { rowsOf } from "../../db/client.ts";
import { computeFigures } from "../../src/cases/figures.ts";
import { decodeIntake, type FiguresQuestion, figuresStatement } from "../../src/cases/figuresQuery.ts";
import { addDays } from "../../src/domain/dates.ts";
import { mondayOf } from "../../src/domain/figures/werkvoorraad.ts";
import type { IsoDate } from "../../src/domain/types.ts";
import { windowedFiguresStatement } from "../fixtures/figures/windowedStatement.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Migration 0013 keeps, by trigger, each case event's validity range and previous state and each
// case's first and last facts, so the figures statement no longer recomputes them. These tests
// hold it to the statement that did (window functions over every event): on a random history
// recorded out of order — backdated events, several on one day, facts after the reference date,
// voided records — and after more is recorded, voided or deleted.

const PEILDATA: IsoDate[] = ["2025-11-03", "2026-01-15", "2026-03-31", "2026-06-15", "2026-09-30"];
const TEAMS = [null, 1, 2, 3, 4];
const PHASES = ["aangemeld", "ccp", "crt", "regulier", "afgesloten"] as const;

let db: Db;
let close: () => Promise<void>;

/** A small deterministic random generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function question(peildatum: IsoDate, teamId: number | null): FiguresQuestion {
  const firstMonday = addDays(mondayOf(peildatum), -7 * 25);
  return { peildatum, from: firstMonday, firstMonday, weeks: 26, teamId };
}

/** The rows of a statement, with the arrays whose order the statement does not fix sorted. */
async function rowsFrom(statement: ReturnType<typeof figuresStatement>) {
  const [row] = rowsOf<{ f: Record<string, unknown> | string }>(await db.execute(statement));
  const f = (typeof row?.f === "string" ? JSON.parse(row.f) : row?.f) as Record<string, unknown[]>;
  // The kept statement writes the intake facts as text.
  if (typeof f.intake === "string") f.intake = decodeIntake(f.intake);
  for (const key of ["safety", "intake", "kernbesluiten", "owners"]) {
    f[key] = (f[key] ?? []).map((x) => JSON.stringify(x)).sort();
  }
  return f;
}

async function expectSameAsWindowed() {
  for (const peildatum of PEILDATA) {
    for (const teamId of TEAMS) {
      const q = question(peildatum, teamId);
      const kept = await rowsFrom(figuresStatement(q));
      const windowed = await rowsFrom(windowedFiguresStatement(q));
      expect(kept, `${peildatum}, team ${teamId}`).toEqual(windowed);
    }
  }
}

/** Events whose kept range or previous state differs from what window functions give. */
async function rangesDiffering(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with o as (
        select id, case_id, "on", lead("on") over (partition by case_id order by "on", id) as next_on
        from case_events
      ), day_last as (
        select case_id, "on", lag(phase) over (partition by case_id order by "on") as prev_phase,
               lag(team_id) over (partition by case_id order by "on") as prev_team_id
        from (select distinct on (case_id, "on") case_id, "on", phase, team_id from case_events
              order by case_id, "on", id desc) d
      )
      select count(*)::int as n from case_events e join o using (id)
      join day_last d on d.case_id = e.case_id and d."on" = e."on"
      where e.until is distinct from o.next_on or e.prev_phase is distinct from d.prev_phase
         or e.prev_team_id is distinct from d.prev_team_id`),
  );
  return row?.n ?? -1;
}

/** Facts kept per case that differ from the source tables. */
async function factsDiffering(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with truth as (
        select c.id as case_id,
          (select min(triaged_on) from triages where case_id = c.id) as first_triage,
          (select min("on") from case_events where case_id = c.id and phase <> 'aangemeld') as left_aangemeld,
          (select min(date) from contacts where case_id = c.id and kind = 'kind_face_to_face' and voided_at is null) as f1,
          (select max(date) from contacts where case_id = c.id and kind = 'kind_face_to_face' and voided_at is null) as f2,
          (select min(date) from arij_assessments where case_id = c.id and voided_at is null) as a1,
          (select max(date) from arij_assessments where case_id = c.id and voided_at is null) as a2,
          (select min(done_on) from milestones where case_id = c.id and kind = 'plan_van_aanpak') as pl,
          (select min(done_on) from milestones where case_id = c.id and kind = 'hulp') as h
        from cases c
      )
      select count(*)::int as n from truth t left join case_facts f on f.case_id = t.case_id
      where (t.first_triage, t.left_aangemeld, t.f1, t.f2, t.a1, t.a2, t.pl, t.h) is distinct from
            (f.first_triage, f.left_aangemeld, f.first_face_to_face, f.last_face_to_face, f.first_arij,
             f.last_arij, f.first_plan, f.first_hulp)`),
  );
  return row?.n ?? -1;
}

/** 80 cases received over a year, each with up to eight moves recorded one by one in random order. */
async function seedRandomHistory(rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const day = (from: IsoDate, span: number) => addDays(from, Math.floor(rand() * span));
  await db.execute(sql`
    insert into teams (code, name, kind) values
      ('R1', 'Regio 1', 'regulier'), ('R2', 'Regio 2', 'regulier'), ('CRT', 'CRT', 'crt'), ('CCP', 'CCP', 'ccp')`);
  await db.execute(sql`
    insert into people (code, name, role, team_id, fte)
    select 'p' || g, 'Medewerker ' || g, 'jeugdbeschermer', 1 + (g % 4), 1 from generate_series(1, 12) g`);
  const moves: { caseId: number; on: IsoDate; phase: string; team: number; owner: number | null }[] = [];
  for (let id = 1; id <= 80; id++) {
    const received = day("2025-06-01", 420);
    await db.execute(sql`
      insert into cases (id, zaaknummer, measure, received_on, ruling_on, phase, phase_since, team_id, owner_id,
                         birth_years, priority_class, priority_score)
      values (${id}, ${`H-${id}`}, ${pick(["ots", "vots", "voogdij", "jr"])}::measure, ${received}::date,
              ${rand() < 0.3 ? addDays(received, 3) : null}::date, 'aangemeld', ${received}::date, 4, null,
              array[2015], 'B', 50)`);
    const dates: IsoDate[] = [];
    for (let k = Math.floor(rand() * 9); k > 0; k--) {
      // Some moves share a day with another (only the day's last counts); some precede receipt.
      const on = dates.length > 0 && rand() < 0.25 ? pick(dates) : day(addDays(received, -10), 420);
      dates.push(on);
      moves.push({
        caseId: id,
        on,
        phase: pick(PHASES),
        team: 1 + Math.floor(rand() * 4),
        owner: rand() < 0.6 ? 1 + Math.floor(rand() * 12) : null,
      });
    }
    for (let k = Math.floor(rand() * 12); k > 0; k--) {
      await db.execute(sql`
        insert into contacts (case_id, date, kind, new_concerns, voided_at)
        values (${id}, ${day(received, 450)}::date, ${pick(["kind_face_to_face", "telefonisch"])}::contact_kind, false,
                ${rand() < 0.15 ? "2026-07-01T10:00:00Z" : null}::timestamptz)`);
    }
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      await db.execute(sql`
        insert into arij_assessments (case_id, date, risk, reason, voided_at)
        values (${id}, ${day(addDays(received, -30), 450)}::date, 'middelmatig', 'periodiek',
                ${rand() < 0.2 ? "2026-07-01T10:00:00Z" : null}::timestamptz)`);
    }
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      await db.execute(sql`
        insert into kernbeslissingen (case_id, date, contact_frequency_weeks, gw_id, voided_at)
        values (${id}, ${day(received, 400)}::date, ${pick([2, 4, 6, 13])}, 1,
                ${rand() < 0.2 ? "2026-07-01T10:00:00Z" : null}::timestamptz)`);
    }
    if (rand() < 0.8) {
      await db.execute(sql`
        insert into triages (case_id, answers, direct_unsafe, criteria, routing, priority_class, priority_score,
                             explanation, by_id, triaged_on)
        values (${id}, '{}'::jsonb, false, '{}', 'crt', 'B', 50, '{}'::jsonb, 1, ${day(received, 30)}::date)`);
    }
    for (const kind of ["plan_van_aanpak", "hulp"]) {
      if (rand() < 0.6) {
        await db.execute(sql`
          insert into milestones (case_id, kind, done_on)
          values (${id}, ${kind}::milestone_kind, ${day(received, 200)}::date)`);
      }
    }
  }
  // Recorded in random order, mostly one statement each (backdated against what came before), the
  // last fifth in one statement.
  moves.sort(() => rand() - 0.5);
  const bulk = moves.splice(0, Math.floor(moves.length / 5));
  for (const m of moves) {
    await db.execute(sql`
      insert into case_events (case_id, "on", phase, team_id, owner_id)
      values (${m.caseId}, ${m.on}::date, ${m.phase}::phase, ${m.team}, ${m.owner})`);
  }
  await db.execute(sql`
    insert into case_events (case_id, "on", phase, team_id, owner_id)
    values ${sql.join(
      bulk.map((m) => sql`(${m.caseId}, ${m.on}::date, ${m.phase}::phase, ${m.team}, ${m.owner})`),
      sql`, `,
    )}`);
}

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await seedRandomHistory(random(20260615));
});
afterAll(() => close());

describe("figures from trigger-kept history equal the window-function definition", () => {
  it("a random history recorded out of order: ranges, facts and every figure agree", async () => {
    const [counts] = rowsOf<{ events: number; sameDay: number; backdated: number }>(
      await db.execute(sql`select
        (select count(*)::int from case_events) as events,
        (select count(*)::int from case_events where until = "on") as "sameDay",
        (select count(*)::int from case_events e where exists (
           select from case_events l where l.case_id = e.case_id and l.id < e.id and l."on" > e."on")) as backdated`),
    );
    // The history really exercises what the triggers must get right.
    expect(counts?.sameDay).toBeGreaterThan(5);
    expect(counts?.backdated).toBeGreaterThan(50);
    expect(await rangesDiffering()).toBe(0);
    expect(await factsDiffering()).toBe(0);
    await expectSameAsWindowed();
  });

  it("a backdated event recorded after a figure was asked changes that week exactly as recomputation does", async () => {
    const ctx = testContext(db, "2026-11-23");
    const before = await computeFigures(ctx, null, { peildatum: "2026-06-15" });
    if (!before.ok) throw new Error(before.error.message);
    // Case 7 enters the CRT on Wednesday 4 February 2026, recorded now, and leaves again on the 20th.
    await db.execute(sql`
      insert into case_events (case_id, "on", phase, team_id, owner_id)
      values (7, '2026-02-04', 'crt', 3, null), (7, '2026-02-20', 'regulier', 1, 2)`);
    const after = await computeFigures(ctx, null, { peildatum: "2026-06-15" });
    if (!after.ok) throw new Error(after.error.message);
    const week = (f: typeof after, w: string) => f.value.werkvoorraad.weeks.find((x) => x.week === w);
    expect(week(after, "2026-W06")).not.toEqual(week(before, "2026-W06"));
    expect(await rangesDiffering()).toBe(0);
    await expectSameAsWindowed();
  });

  it("voiding, correcting and deleting records, and deleting a case, keep the facts and figures exact", async () => {
    await db.execute(
      sql`update contacts set voided_at = now() where id in (select id from contacts where voided_at is null order by id limit 40)`,
    );
    await db.execute(sql`update arij_assessments set voided_at = now() where id % 3 = 0`);
    await db.execute(sql`update kernbeslissingen set date = date - 40 where id % 2 = 0`);
    await db.execute(sql`delete from milestones where id % 2 = 1`);
    await db.execute(sql`update triages set triaged_on = triaged_on + 100 where id % 4 = 0`);
    await db.execute(sql`update case_events set "on" = "on" - 3 where id % 9 = 0`);
    await db.execute(sql`delete from case_events where id % 13 = 0`);
    // A case deleted as retention does: its records first, then the case (its events cascade).
    for (const table of ["contacts", "arij_assessments", "kernbeslissingen", "milestones", "triages"]) {
      await db.execute(sql`delete from ${sql.identifier(table)} where case_id = 11`);
    }
    await db.execute(sql`delete from cases where id = 11`);
    // Changes through cases, whose history trigger writes the events: several rows per statement,
    // an insert past triage (two events each) and an update of phase, team and owner.
    await db.execute(sql`
      insert into cases (id, zaaknummer, measure, received_on, phase, phase_since, team_id, owner_id,
                         birth_years, priority_class, priority_score)
      select g, 'H-' || g, 'ots', date '2026-01-10' + g, 'crt', date '2026-01-20' + g, 3, 1, array[2015], 'B', 50
      from generate_series(81, 90) g`);
    await db.execute(sql`
      update cases set phase = 'regulier', phase_since = date '2026-03-02' + id % 5, team_id = 1 + id % 2,
                       owner_id = 2 where id % 6 = 0`);
    await db.execute(sql`update cases set priority_score = priority_score + 1`);
    expect(await rangesDiffering()).toBe(0);
    expect(await factsDiffering()).toBe(0);
    await expectSameAsWindowed();
  });
});

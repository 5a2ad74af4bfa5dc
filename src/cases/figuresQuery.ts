import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client.ts";
import type { IsoDate, Measure } from "../domain/types.ts";

// The one statement behind `cijfers`: each case's state as of the reference date and its stretches
// on the werkvoorraad, from case_events, aggregated in the database so that 100,000 cases with a
// year of history never travel to Node row by row. What is returned is small (counts per week,
// team and owner) except the per-case intake facts, which the norms need with the calendar.
// Medians are percentile_cont(0.5) (the mean of the middle two for an even count) and p90 is
// percentile_disc(0.9) (nearest rank, a value that occurs): the definitions of
// src/domain/figures/statistics.ts, which tests/cases/figures.test.ts holds them to.

export interface FiguresRows {
  size: number;
  byPhase: { ccp: number; crt: number };
  /** In the order of each key's first case (by id), as the series of the chat expects. */
  byMeasure: Partial<Record<Measure, number>>;
  /** [team id, count], in the order of each team's first case. */
  byTeamId: [number, number][];
  /** Waiting days of the members on the reference date (received on or before it). */
  waiting: { median: number | null; p90: number | null; longest: number | null };
  weeks: {
    i: number;
    inflow: number;
    outflowRegulier: number;
    outflowClosed: number;
    outflowOther: number;
    sizeAtEnd: number;
    medianWaitingDays: number | null;
  }[];
  /** Per distinct combination: last face-to-face contact, last ARIJ, contact frequency, how many. */
  safety: [IsoDate | null, IsoDate | null, number | null, number][];
  /** Per case received in the period (in scope): receipt, ruling, measure, done dates of the norms. */
  intake: [
    IsoDate,
    IsoDate | null,
    Measure,
    IsoDate | null,
    IsoDate | null,
    IsoDate | null,
    IsoDate | null,
    IsoDate | null,
  ][];
  /** Kernbesluiten in the period (in scope): date, the last ARIJ before it, how many. */
  kernbesluiten: [IsoDate, IsoDate | null, number][];
  /** Open cases per owner on the reference date (all teams: caseload is per team anyway). */
  owners: [number, number][];
}

export interface FiguresQuestion {
  peildatum: IsoDate;
  from: IsoDate;
  firstMonday: IsoDate;
  weeks: number;
  teamId: number | null;
}

export async function figuresRows(db: Db, q: FiguresQuestion): Promise<FiguresRows> {
  // A server with JIT on spends seconds compiling this statement's many expressions (its cost is
  // far above jit_above_cost) to save milliseconds: 4.4 s against 0.26 s at 10,000 cases.
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(figuresStatement(q));
  });
  const [row] = rowsOf<{ f: FiguresRows | string }>(result);
  if (!row) throw new Error("figures query returned nothing");
  // postgres.js parses json; PGlite may hand back the text.
  return typeof row.f === "string" ? (JSON.parse(row.f) as FiguresRows) : row.f;
}

/** The statement itself (the bench explains it). */
export function figuresStatement(q: FiguresQuestion): SQL {
  const P = sql`${q.peildatum}::date`;
  const T = sql`${q.teamId}::int`;
  const W0 = sql`${q.firstMonday}::date`;
  return sql`
    with e1 as (
      select case_id, "on", phase, team_id, owner_id,
             phase in ('ccp', 'crt') and (${T} is null or team_id = ${T}) as member,
             lead("on") over (partition by case_id order by "on", id) as next_on
      from case_events where "on" <= ${P}
    ), st as materialized (
      -- Several events of one case on one day: only the day's last state counts. A state holds
      -- from its day until the next day with an event (null: still on the reference date).
      select case_id, "on", phase, team_id, owner_id, member as is_member, next_on as until,
             coalesce(lag(member) over (partition by case_id order by "on"), false) as was_member
      from e1 where next_on is distinct from "on"
    ), at_p as materialized (
      select case_id, phase, team_id, owner_id, is_member from st where until is null
    ), members as materialized (
      select a.*, c.measure, c.received_on from at_p a join cases c on c.id = a.case_id where a.is_member
    ), weeks as (
      select i from generate_series(0, ${q.weeks - 1}::int) i
    ), flows as (
      select ("on" - ${W0}) / 7 as i,
             count(*) filter (where is_member) as inflow,
             count(*) filter (where not is_member and phase = 'regulier') as reg,
             count(*) filter (where not is_member and phase = 'afgesloten') as closed,
             count(*) filter (where not is_member and phase not in ('regulier', 'afgesloten')) as other
      from st where "on" >= ${W0} and is_member <> was_member group by 1
    ), stretches as (
      select st."on", st.until, c.received_on from st join cases c on c.id = st.case_id
      where st.is_member and (st.until is null or st.until > ${W0})
    ), sizes as (
      -- Week i ends on W0 + 7i + 6 (the reference date in its own week, where only states still
      -- holding count): a stretch [on, until) is on the werkvoorraad at the ends of weeks
      -- ceil((on - W0 - 6) / 7) up to ceil((until - W0 - 6) / 7) - 1.
      select i, count(*)::int as size,
             percentile_cont(0.5) within group (order by least(${W0} + 7 * i + 6, ${P}) - received_on)
               filter (where received_on <= least(${W0} + 7 * i + 6, ${P})) as median
      from stretches,
           generate_series(greatest(0, ceil(("on" - ${W0} - 6) / 7.0)::int),
                           coalesce(ceil((until - ${W0} - 6) / 7.0)::int - 1, ${q.weeks - 1}::int)) i
      group by i
    ), received as materialized (
      select c.id as case_id, c.received_on, c.ruling_on, c.measure from cases c
      where c.received_on between ${q.from}::date and ${P}
        and (${T} is null or exists (select from at_p where case_id = c.id and team_id = ${T}))
    ), relevant as materialized (
      select case_id from received union select case_id from members
    ), f2f as (
      -- Each fact table is read once for all cases that need it (a hash join, not a probe per case).
      select case_id, min(date) as first, max(date) as last from contacts
      where kind = 'kind_face_to_face' and voided_at is null and date <= ${P}
        and case_id in (select case_id from relevant)
      group by case_id
    ), arijs as (
      select case_id, min(date) as first, max(date) as last from arij_assessments
      where voided_at is null and date <= ${P} and case_id in (select case_id from relevant)
      group by case_id
    ), safety as (
      select f.last as f2f, a.last as arij, k.weeks, count(*)::int as n
      from members m
      left join f2f f on f.case_id = m.case_id
      left join arijs a on a.case_id = m.case_id
      left join (select distinct on (case_id) case_id, contact_frequency_weeks as weeks from kernbeslissingen
                 where voided_at is null and date <= ${P} and case_id in (select case_id from members)
                 order by case_id, date desc, id desc) k on k.case_id = m.case_id
      group by 1, 2, 3
    ), intake as (
      select r.received_on, r.ruling_on, r.measure,
             -- A case imported or registered past triage counts as triaged on the day it left aangemeld.
             least(t.first, e.first) as triage, f.first as contact, a.first as arij, pl.first as plan, h.first as hulp
      from received r
      left join (select case_id, min(triaged_on) as first from triages where triaged_on <= ${P}
                   and case_id in (select case_id from received) group by case_id) t on t.case_id = r.case_id
      left join (select case_id, min("on") as first from case_events where phase <> 'aangemeld' and "on" <= ${P}
                   and case_id in (select case_id from received) group by case_id) e on e.case_id = r.case_id
      left join f2f f on f.case_id = r.case_id
      left join arijs a on a.case_id = r.case_id
      left join (select case_id, min(done_on) as first from milestones where kind = 'plan_van_aanpak'
                   and done_on <= ${P} and case_id in (select case_id from received) group by case_id) pl
        on pl.case_id = r.case_id
      left join (select case_id, min(done_on) as first from milestones where kind = 'hulp'
                   and done_on <= ${P} and case_id in (select case_id from received) group by case_id) h
        on h.case_id = r.case_id
    ), kern as (
      select k.date, (select max(a.date) from arij_assessments a
               where a.case_id = k.case_id and a.date <= k.date and a.voided_at is null) as last_arij
      from kernbeslissingen k
      where k.date between ${q.from}::date and ${P} and k.voided_at is null
        and (${T} is null or exists (select from at_p where case_id = k.case_id and team_id = ${T}))
    )
    select json_build_object(
      'size', (select count(*) from members),
      'byPhase', (select json_build_object('ccp', count(*) filter (where phase = 'ccp'),
                                           'crt', count(*) filter (where phase = 'crt')) from members),
      'byMeasure', (select coalesce(json_object_agg(measure, n order by first), '{}')
                    from (select measure, count(*) as n, min(case_id) as first from members
                          where received_on <= ${P} group by measure) x),
      'byTeamId', (select coalesce(json_agg(json_build_array(team_id, n) order by first), '[]')
                   from (select team_id, count(*) as n, min(case_id) as first from members group by team_id) x),
      'waiting', (select json_build_object(
                    'median', percentile_cont(0.5) within group (order by ${P} - received_on),
                    'p90', percentile_disc(0.9) within group (order by ${P} - received_on),
                    'longest', max(${P} - received_on))
                  from members where received_on <= ${P}),
      'weeks', (select json_agg(json_build_object('i', w.i, 'inflow', coalesce(f.inflow, 0),
                  'outflowRegulier', coalesce(f.reg, 0), 'outflowClosed', coalesce(f.closed, 0),
                  'outflowOther', coalesce(f.other, 0), 'sizeAtEnd', coalesce(s.size, 0),
                  'medianWaitingDays', s.median) order by w.i)
                from weeks w left join flows f on f.i = w.i left join sizes s on s.i = w.i),
      'safety', (select coalesce(json_agg(json_build_array(f2f, arij, weeks, n)), '[]') from safety),
      'intake', (select coalesce(json_agg(json_build_array(received_on, ruling_on, measure, triage, contact,
                   arij, plan, hulp)), '[]') from intake),
      'kernbesluiten', (select coalesce(json_agg(json_build_array(date, last_arij, n)), '[]')
                        from (select date, last_arij, count(*)::int as n from kern group by 1, 2) x),
      'owners', (select coalesce(json_agg(json_build_array(owner_id, n)), '[]')
                 from (select owner_id, count(*)::int as n from at_p
                       where owner_id is not null and phase <> 'afgesloten' group by owner_id) x)
    ) as f`;
}

import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client.ts";
import type { IsoDate, Measure } from "../domain/types.ts";

// The one statement behind `cijfers`: each case's state as of the reference date and its stretches
// on the werkvoorraad, from case_events, aggregated in the database so that 100,000 cases with a
// year of history never travel to Node row by row. What is returned is small (counts per week,
// team and owner) except the per-case intake facts, which the norms need with the calendar.

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

export async function figuresRows(
  db: Db,
  q: { peildatum: IsoDate; from: IsoDate; firstMonday: IsoDate; weeks: number; teamId: number | null },
): Promise<FiguresRows> {
  const P = sql`${q.peildatum}::date`;
  const T = sql`${q.teamId}::int`;
  const W0 = sql`${q.firstMonday}::date`;
  const [row] = rowsOf<{ f: FiguresRows }>(
    await db.execute(sql`
    with ev as materialized (
      -- Several events of one case on one day: only the day's last state counts.
      select distinct on (case_id, "on") case_id, "on", phase, team_id, owner_id
      from case_events where "on" <= ${P}
      order by case_id, "on", id desc
    ), st as materialized (
      select case_id, "on", phase, team_id, owner_id, lead("on") over w as until,
             coalesce(lag(member) over w, false) as was_member, member as is_member
      from (select *, phase in ('ccp', 'crt') and (${T} is null or team_id = ${T}) as member from ev) e
      window w as (partition by case_id order by "on")
    ), at_p as materialized (
      select st.case_id, st.phase, st.team_id, st.owner_id, st.is_member, c.measure, c.received_on
      from st join cases c on c.id = st.case_id where st.until is null
    ), members as materialized (
      select * from at_p where is_member
    ), scope as materialized (
      select case_id from at_p where ${T} is null or team_id = ${T}
    ), weeks as (
      select i, least(${W0} + 7 * i + 6, ${P}) as week_end from generate_series(0, ${q.weeks - 1}::int) i
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
      select w.i, count(s.received_on)::int as size,
             percentile_cont(0.5) within group (order by w.week_end - s.received_on)
               filter (where s.received_on <= w.week_end) as median
      from weeks w join stretches s on s."on" <= w.week_end and (s.until is null or s.until > w.week_end)
      group by w.i
    ), safety as (
      select f.last as f2f, a.last as arij, k.weeks, count(*)::int as n
      from members m
      left join lateral (select max(date) as last from contacts where case_id = m.case_id
        and kind = 'kind_face_to_face' and voided_at is null and date <= ${P}) f on true
      left join lateral (select max(date) as last from arij_assessments where case_id = m.case_id
        and voided_at is null and date <= ${P}) a on true
      left join lateral (select contact_frequency_weeks as weeks from kernbeslissingen where case_id = m.case_id
        and voided_at is null and date <= ${P} order by date desc, id desc limit 1) k on true
      group by 1, 2, 3
    ), intake as (
      select c.received_on, c.ruling_on, c.measure,
             -- A case imported or registered past triage counts as triaged on the day it left aangemeld.
             least((select min(triaged_on) from triages where case_id = c.id and triaged_on <= ${P}),
                   (select min("on") from case_events where case_id = c.id and phase <> 'aangemeld'
                      and "on" <= ${P})) as triage,
             (select min(date) from contacts where case_id = c.id and kind = 'kind_face_to_face'
                and voided_at is null and date <= ${P}) as contact,
             (select min(date) from arij_assessments where case_id = c.id and voided_at is null
                and date <= ${P}) as arij,
             (select min(done_on) from milestones where case_id = c.id and kind = 'plan_van_aanpak'
                and done_on <= ${P}) as plan,
             (select min(done_on) from milestones where case_id = c.id and kind = 'hulp'
                and done_on <= ${P}) as hulp
      from cases c join scope s on s.case_id = c.id
      where c.received_on between ${q.from}::date and ${P}
    ), kern as (
      select k.date, (select max(a.date) from arij_assessments a
               where a.case_id = k.case_id and a.date <= k.date and a.voided_at is null) as last_arij
      from kernbeslissingen k join scope s on s.case_id = k.case_id
      where k.date between ${q.from}::date and ${P} and k.voided_at is null
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
    ) as f`),
  );
  if (!row) throw new Error("figures query returned nothing");
  // postgres.js parses json; PGlite may hand back the text.
  return typeof row.f === "string" ? (JSON.parse(row.f) as FiguresRows) : row.f;
}

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
// What window functions over every event would give — each event's validity and the state before
// it, each case's first and last facts — the database keeps by trigger (migration 0013), so the
// statement reads ranges instead of recomputing them: 5 s -> under 1 s at 100,000 cases.
// tests/cases/figuresHistory.test.ts holds it to the windowed statement it replaced.

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
  const [row] = rowsOf<{ f: StatementRows | string }>(result);
  if (!row) throw new Error("figures query returned nothing");
  // postgres.js parses json; PGlite may hand back the text.
  const f = typeof row.f === "string" ? (JSON.parse(row.f) as StatementRows) : row.f;
  return { ...f, intake: decodeIntake(f.intake) };
}

/** What the statement returns: FiguresRows with the intake facts as text (see decodeIntake). */
type StatementRows = Omit<FiguresRows, "intake"> & { intake: string };

/**
 * The intake facts as the statement writes them: rows separated by ";", fields by ",", dates as
 * days since 1970-01-01 and an empty field for none.
 */
export function decodeIntake(text: string): FiguresRows["intake"] {
  if (text === "") return [];
  const dates = new Map<string, IsoDate>();
  const day = (field: string | undefined): IsoDate | null => {
    if (!field) return null;
    let iso = dates.get(field);
    if (iso === undefined) {
      iso = new Date(Number(field) * 86_400_000).toISOString().slice(0, 10);
      dates.set(field, iso);
    }
    return iso;
  };
  return text.split(";").map((line) => {
    const [received, ruling, measure, triage, contact, arij, plan, hulp] = line.split(",");
    return [
      day(received) as IsoDate,
      day(ruling),
      measure as Measure,
      day(triage),
      day(contact),
      day(arij),
      day(plan),
      day(hulp),
    ];
  });
}

/** The statement itself (the bench explains it). */
export function figuresStatement(q: FiguresQuestion): SQL {
  const P = sql`${q.peildatum}::date`;
  const T = sql`${q.teamId}::int`;
  const W0 = sql`${q.firstMonday}::date`;
  const EPOCH = sql.raw("date '1970-01-01'");
  // On the werkvoorraad (of the team, when one is asked): a null state (before the first event) is not.
  const member = (phase: SQL, team: SQL) =>
    sql`coalesce(${phase} in ('ccp', 'crt') and (${T} is null or ${team} = ${T}), false)`;
  // The end of week i: its Sunday, or the reference date in its own week.
  const weekEnd = (i: SQL) => sql`least(${W0} + 7 * ${i} + 6, ${P})`;
  return sql`
    with at_p as materialized (
      -- Each case's state on the reference date: the event whose range (migration 0013) holds it.
      select case_id, phase, team_id, owner_id, ${member(sql`phase`, sql`team_id`)} as is_member
      from case_events where coalesce(until, 'infinity'::date) > ${P} and "on" <= ${P}
    ), members as materialized (
      select a.*, c.measure, c.received_on from at_p a join cases c on c.id = a.case_id where a.is_member
    ), weeks as (
      select i from generate_series(0, ${q.weeks - 1}::int) i
    ), moves as materialized (
      -- Moves on or off the werkvoorraad in the series: a day's last event whose membership differs
      -- from the state before that day.
      select ("on" - ${W0}) / 7 as i, case_id, phase, ${member(sql`phase`, sql`team_id`)} as is_member
      from case_events
      where "on" between ${W0} and ${P} and (until is null or until > "on")
        and ${member(sql`phase`, sql`team_id`)} <> ${member(sql`prev_phase`, sql`prev_team_id`)}
    ), flows as (
      select i, count(*) filter (where is_member) as inflow,
             count(*) filter (where not is_member and phase = 'regulier') as reg,
             count(*) filter (where not is_member and phase = 'afgesloten') as closed,
             count(*) filter (where not is_member and phase not in ('regulier', 'afgesloten')) as other
      from moves group by i
    ), later as (
      -- The werkvoorraad at the end of week i is the one on the reference date without the moves
      -- of the weeks after i. Counted per receipt date, for the median waiting time.
      select m.i, c.received_on, sum(case when m.is_member then 1 else -1 end)::int as n
      from moves m join cases c on c.id = m.case_id group by 1, 2
    ), per_day as (
      select w.i, d.received_on,
             coalesce(p.n, 0) - coalesce(sum(l.n) over (partition by d.received_on order by w.i
                                                        rows between 1 following and unbounded following), 0) as n
      from weeks w
      cross join (select received_on from members union select received_on from later) d
      left join (select received_on, count(*)::int as n from members group by 1) p on p.received_on = d.received_on
      left join later l on l.i = w.i and l.received_on = d.received_on
    ), ranked as (
      -- Cumulative counts in order of receipt, of the children received by the week's end.
      select i, received_on, n, sum(n) over (partition by i order by received_on) as upto,
             sum(n) over (partition by i) as total
      from per_day where n <> 0 and received_on <= ${weekEnd(sql`i`)}
    ), sizes as (
      -- percentile_cont(0.5) of the waiting days: the mean of the two middle ones (0-based ranks
      -- floor and ceil of (n - 1) / 2), read off the cumulative counts.
      select s.i, s.size,
             ((${weekEnd(sql`s.i`)} - lo.received_on) + (${weekEnd(sql`s.i`)} - hi.received_on)) / 2.0::float8 as median
      from (select w.i, coalesce(sum(p.n), 0)::int as size from weeks w left join per_day p on p.i = w.i group by w.i) s
      left join lateral (select min(received_on) as received_on from ranked r
                         where r.i = s.i and r.upto > floor((r.total - 1) / 2.0)) lo on true
      left join lateral (select min(received_on) as received_on from ranked r
                         where r.i = s.i and r.upto > ceil((r.total - 1) / 2.0)) hi on true
    ), received as materialized (
      select c.id as case_id, c.received_on, c.ruling_on, c.measure from cases c
      where c.received_on between ${q.from}::date and ${P}
        and (${T} is null or exists (select from at_p where case_id = c.id and team_id = ${T}))
    ), safety as (
      -- The last fact on or before P is the case's last one unless that lies after P (rare: then
      -- the index is asked).
      select case when f.last_face_to_face is null or f.last_face_to_face <= ${P} then f.last_face_to_face
                  else (select max(date) from contacts where case_id = m.case_id and kind = 'kind_face_to_face'
                          and voided_at is null and date <= ${P}) end as f2f,
             case when f.last_arij is null or f.last_arij <= ${P} then f.last_arij
                  else (select max(date) from arij_assessments where case_id = m.case_id
                          and voided_at is null and date <= ${P}) end as arij,
             case when f.last_kern_on is null or f.last_kern_on <= ${P} then f.last_kern_frequency_weeks
                  else (select contact_frequency_weeks from kernbeslissingen where case_id = m.case_id
                          and voided_at is null and date <= ${P} order by date desc, id desc limit 1) end as weeks
      from members m left join case_facts f on f.case_id = m.case_id
    ), intake as (
      -- The first fact on or before P is the case's first one, if that is on or before P.
      select r.received_on, r.ruling_on, r.measure,
             -- A case imported or registered past triage counts as triaged on the day it left aangemeld.
             least(case when f.first_triage <= ${P} then f.first_triage end,
                   case when f.left_aangemeld <= ${P} then f.left_aangemeld end) as triage,
             case when f.first_face_to_face <= ${P} then f.first_face_to_face end as contact,
             case when f.first_arij <= ${P} then f.first_arij end as arij,
             case when f.first_plan <= ${P} then f.first_plan end as plan,
             case when f.first_hulp <= ${P} then f.first_hulp end as hulp
      from received r left join case_facts f on f.case_id = r.case_id
    ), kern as (
      -- The last ARIJ on or before each kernbesluit: none if the case's first is later, its last if
      -- that is not later; only in between is the index asked.
      select k.date,
             case when f.first_arij is null or f.first_arij > k.date then null
                  when f.last_arij <= k.date then f.last_arij
                  else (select max(a.date) from arij_assessments a
                        where a.case_id = k.case_id and a.date <= k.date and a.voided_at is null) end as last_arij
      from kernbeslissingen k left join case_facts f on f.case_id = k.case_id
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
      'safety', (select coalesce(json_agg(json_build_array(f2f, arij, weeks, n)), '[]')
                 from (select f2f, arij, weeks, count(*)::int as n from safety group by 1, 2, 3) x),
      -- Tens of thousands of rows: as text of day numbers, which is half the work of JSON dates.
      'intake', (select coalesce(string_agg(concat(received_on - ${EPOCH}, ',', ruling_on - ${EPOCH}, ',', measure, ',',
                   triage - ${EPOCH}, ',', contact - ${EPOCH}, ',', arij - ${EPOCH}, ',', plan - ${EPOCH}, ',',
                   hulp - ${EPOCH}), ';'), '') from intake),
      'kernbesluiten', (select coalesce(json_agg(json_build_array(date, last_arij, n)), '[]')
                        from (select date, last_arij, count(*)::int as n from kern group by 1, 2) x),
      'owners', (select coalesce(json_agg(json_build_array(owner_id, n)), '[]')
                 from (select owner_id, count(*)::int as n from at_p
                       where owner_id is not null and phase <> 'afgesloten' group by owner_id) x)
    ) as f`;
}

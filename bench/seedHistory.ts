import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { IsoDate } from "../src/domain/types.ts";

/**
 * A bench organisation with a year of history for the figures: `total` cases received over the
 * 500 days before `day`, each with the moves the use cases would record (aangemeld → ccp → crt or
 * regulier, some back to the CRT, some closed), a triage, a face-to-face contact every six weeks,
 * an ARIJ at intake and a year later, a kernbeslissing and the plan/hulp marks. Events are written
 * directly with the history trigger off, so every case's row is its last event.
 */
export async function seedHistory(db: Db, total: number, day: IsoDate) {
  await db.execute(sql`
    insert into teams (code, name, kind) values
      ('R1', 'Regio 1', 'regulier'), ('R2', 'Regio 2', 'regulier'), ('CRT', 'CRT', 'crt'), ('CCP', 'CCP', 'ccp')`);
  await db.execute(sql`
    insert into people (code, name, role, team_id, fte)
    select 'p' || g, 'Medewerker ' || g,
           (case when g % 50 = 0 then 'praktijkbegeleider' when g % 20 = 1 then 'gedragswetenschapper'
                 else 'jeugdbeschermer' end)::role,
           1 + (g % 4), 1
    from generate_series(1, 400) g`);
  // Each case's path as (step, offset in days after receipt, phase, team); steps after `day` are
  // not taken yet. Team ids: 1 R1, 2 R2, 3 CRT, 4 CCP; person p is in team 1 + p % 4.
  await db.execute(sql`
    create temporary table bench_path as
    with c as (
      select g, ${day}::date - ((g * 7919) % 500) as received, g % 3 = 0 as via_crt,
             1 + (g % 2) as regular_team, g % 7 = 0 as closes, g % 11 = 0 as returns
      from generate_series(1, ${total}) g
    ), steps as (
      select g, received, 0 as step, 0 as off, 'aangemeld'::phase as phase, 4 as team from c
      union all select g, received, 1, 1 + (g % 3), 'ccp', 4 from c
      union all select g, received, 2, 8 + (g % 40), case when via_crt then 'crt' else 'regulier' end::phase,
        case when via_crt then 3 else regular_team end from c
      union all select g, received, 3, 60 + (g % 120), 'regulier', regular_team from c where via_crt
      union all select g, received, 4, 200 + (g % 60), 'crt', 3 from c where returns
      union all select g, received, 5, 300 + (g % 150), 'afgesloten', case when returns then 3 else regular_team end
        from c where closes
    )
    select g, received, step, received + off as "on", phase, team,
           case when phase in ('regulier', 'crt') and not (phase = 'crt' and g % 2 = 0)
                then team - 1 + 4 * (1 + g % 99) end as owner
    from steps where received + off <= ${day}::date`);
  await db.execute(sql`alter table cases disable trigger cases_record_history`);
  await db.execute(sql`
    insert into cases (id, zaaknummer, measure, received_on, ruling_on, phase, phase_since, team_id, owner_id,
                       birth_years, priority_class, priority_score)
    select distinct on (g) g, 'H-' || lpad(g::text, 7, '0'),
           (array['ots','ots','ots','vots','voogdij','jr'])[1 + g % 6]::measure, received,
           case when g % 5 = 0 then received + 3 end, phase, "on", team, owner,
           array[2012 + g % 12], (array['A','B','C','D'])[1 + (g % 4)]::priority_class, g % 100
    from bench_path order by g, step desc`);
  await db.execute(sql`alter table cases enable trigger cases_record_history`);
  await db.execute(sql`select setval(pg_get_serial_sequence('cases', 'id'), ${total})`);
  await db.execute(sql`
    insert into case_events (case_id, "on", phase, team_id, owner_id)
    select g, "on", phase, team, owner from bench_path order by g, step`);
  await db.execute(sql`
    insert into triages (case_id, answers, direct_unsafe, criteria, routing, priority_class, priority_score,
                         explanation, by_id, triaged_on)
    select g, '{}'::jsonb, false, '{}', 'crt', 'B', 50, '{}'::jsonb, 4, "on"
    from bench_path where step = 1`);
  // A face-to-face contact every six weeks from the fourth day on (a phone call in between), until
  // the case is closed or the day is reached.
  await db.execute(sql`
    insert into contacts (case_id, date, kind, new_concerns)
    select c.id, d::date, (case when n % 2 = 0 then 'kind_face_to_face' else 'telefonisch' end)::contact_kind, false
    from cases c, generate_series(0, 40) n,
         lateral (select c.received_on + 4 + (c.id % 5) + 21 * n as d) x
    where x.d <= least(${day}::date, case when c.phase = 'afgesloten' then c.phase_since end)`);
  await db.execute(sql`
    insert into arij_assessments (case_id, date, risk, reason)
    select id, received_on + 9 + (id % 10) + 365 * n, 'middelmatig', (case when n = 0 then 'kernbesluit' else 'periodiek' end)::arij_reason
    from cases, generate_series(0, 1) n where received_on + 9 + (id % 10) + 365 * n <= ${day}::date`);
  await db.execute(sql`
    insert into kernbeslissingen (case_id, date, contact_frequency_weeks, gw_id)
    select id, received_on + 20 + (id % 10), 6, 4 from cases where received_on + 20 + (id % 10) <= ${day}::date`);
  await db.execute(sql`
    insert into milestones (case_id, kind, done_on)
    select id, 'plan_van_aanpak'::milestone_kind, received_on + 30 + (id % 20) from cases
      where measure <> 'voogdij' and received_on + 30 + (id % 20) <= ${day}::date
    union all select id, 'hulp'::milestone_kind, received_on + 50 + (id % 60) from cases
      where received_on + 50 + (id % 60) <= ${day}::date`);
  await db.execute(sql`drop table bench_path`);
}

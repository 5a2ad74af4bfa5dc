import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases } from "../db/schema.ts";
import type { CaseContext } from "../src/cases/context.ts";
import { refreshDeadlines } from "../src/cases/deadlineStore.ts";
import { addDays } from "../src/domain/dates.ts";
import type { IsoDate } from "../src/domain/types.ts";

/**
 * A bench organisation: `total` cases of which `hot` have deadlines around `day`; the rest were
 * seen recently, so their next contact and ARIJ lie months ahead. The sweep's work should follow
 * the hot cases, not the total.
 */
export async function seedBench(ctx: CaseContext, db: Db, total: number, hot: number, day: IsoDate) {
  await db.execute(sql`
    insert into teams (code, name, kind) values
      ('R1', 'Regio 1', 'regulier'), ('R2', 'Regio 2', 'regulier'), ('CRT', 'CRT', 'crt'), ('CCP', 'CCP', 'ccp')`);
  await db.execute(sql`
    insert into people (code, name, role, team_id, fte)
    select 'p' || g, 'Medewerker ' || g,
           (case when g % 50 = 0 then 'praktijkbegeleider' else 'jeugdbeschermer' end)::role,
           1 + (g % 4), 1
    from generate_series(1, 400) g`);
  await db.execute(sql`
    insert into linked_accounts (person_id, platform, external_id, how)
    select id, 'slack', 'U' || substr(code, 2), 'import' from people`);
  const recent = addDays(day, -10);
  const received = addDays(day, -400);
  // Hot cases: last contact about three months ago, so contact deadlines fall in the sweep window.
  const hotContact = addDays(day, -90);
  await db.execute(sql`
    insert into cases (zaaknummer, measure, received_on, phase, phase_since, team_id, owner_id, birth_years,
                       priority_class, priority_score)
    select 'B-' || lpad(g::text, 7, '0'), 'ots', ${received}::date,
           (case when g % 10 = 0 then 'crt' else 'regulier' end)::phase, ${received}::date,
           (case when g % 10 = 0 then 3 else 1 + (g % 2) end),
           (case when g % 10 = 0 then null else 1 + (g % 400) end),
           array[2015], (array['A','B','C','D'])[1 + (g % 4)]::priority_class, g % 100
    from generate_series(1, ${total}) g`);
  await db.execute(sql`
    insert into contacts (case_id, date, kind, new_concerns)
    select id, (case when id <= ${hot} then ${hotContact}::date + (id % 10) else ${recent}::date end), 'kind_face_to_face', false
    from cases`);
  await db.execute(sql`
    insert into arij_assessments (case_id, date, risk, reason)
    select id, ${recent}::date, 'middelmatig', 'periodiek' from cases`);
  const ids = (await db.select({ id: cases.id }).from(cases)).map((r) => r.id);
  await refreshDeadlines(db, ctx, ids);
}

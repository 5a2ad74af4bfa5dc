import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client.ts";
import { auditRead, type Reader } from "../cases/audit.ts";
import type { CaseContext } from "../cases/context.ts";
import { computeFigures } from "../cases/figures.ts";
import { ok, type Result } from "../cases/result.ts";
import type { IsoDate } from "../domain/types.ts";
import { renderReport } from "./report.ts";
import { reportTables, toCsv } from "./tables.ts";

export interface ReportRequest {
  van?: IsoDate;
  tot?: IsoDate;
  team?: string;
  out: string;
  withZaaknummers: boolean;
}

/** Writes the evaluation report (index.html and one CSV per table) into `out`; logged as a read. */
export async function writeReport(
  ctx: CaseContext,
  reader: Reader | null,
  req: ReportRequest,
): Promise<Result<{ files: string[]; zaaknummers: number }>> {
  const result = await computeFigures(ctx, null, { peildatum: req.tot, van: req.van, team: req.team });
  if (!result.ok) return result;
  const figures = result.value;
  const tables = reportTables(figures, ctx.policy);
  const zaaknummers = req.withZaaknummers
    ? await werkvoorraadZaaknummers(ctx, figures.peildatum, figures.team)
    : undefined;
  mkdirSync(req.out, { recursive: true });
  const files = ["index.html", ...tables.map((t) => `${t.id}.csv`)];
  writeFileSync(
    join(req.out, "index.html"),
    await renderReport({ figures, policy: ctx.policy, tables, zaaknummers }),
  );
  for (const t of tables) writeFileSync(join(req.out, `${t.id}.csv`), toCsv(t));
  await auditRead(
    ctx.db,
    reader,
    "rapport_export",
    zaaknummers ?? [],
    { van: figures.period.from, tot: figures.period.to, team: figures.team },
    "export",
  );
  return ok({ files, zaaknummers: zaaknummers?.length ?? 0 });
}

/** The zaaknummers on the werkvoorraad on the reference date, for the annex. */
async function werkvoorraadZaaknummers(
  ctx: CaseContext,
  peildatum: IsoDate,
  team: string | null,
): Promise<string[]> {
  const rows = rowsOf<{ zaaknummer: string }>(
    await ctx.db.execute(sql`
      select c.zaaknummer from (
        select distinct on (case_id) case_id, phase, team_id from case_events
        where "on" <= ${peildatum}::date order by case_id, "on" desc, id desc
      ) s
      join cases c on c.id = s.case_id
      join teams t on t.id = s.team_id
      where s.phase in ('ccp', 'crt') and (${team}::text is null or t.code = ${team}::text)
      order by c.zaaknummer`),
  );
  return rows.map((r) => r.zaaknummer);
}

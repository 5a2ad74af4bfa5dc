import type { Tx } from "../../../db/client.ts";
import { appendAudit, type Reader } from "../audit.ts";
import { type CaseContext, loadActingPerson } from "../context.ts";
import { require } from "../permissions.ts";
import { type CaseError, CaseFailure, type Result } from "../result.ts";
import { inTransaction } from "../run.ts";
import { CASE_COLUMNS, importCases } from "./cases.ts";
import type { ColumnSpec, KindOutcome, Row, RowError } from "./csv.ts";
import { importPeople, PEOPLE_COLUMNS } from "./people.ts";
import { type CsvSource, readRows } from "./rows.ts";
import { importTeams, TEAM_COLUMNS } from "./teams.ts";

export type { CsvSource } from "./rows.ts";

// CSV import for the functioneel beheerder (README "CSV formats"). All rows are checked first —
// columns, values, references to the database, repeated keys — and one wrong row writes nothing.
// Otherwise every row is upserted by its key in one transaction; a row equal to what is stored is
// not written at all, so importing the same file again changes nothing (not even the audit log).
// Teams and people are few and read whole; cases are read twice, row by row (cases.ts).

export type ImportKind = "teams" | "people" | "cases";

export interface ImportSummary {
  kind: ImportKind;
  inserted: number;
  updated: number;
  unchanged: number;
}

export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec> = {
  teams: TEAM_COLUMNS,
  people: PEOPLE_COLUMNS,
  cases: CASE_COLUMNS,
};

/** How many row messages the overall message repeats; `rows` always holds all of them. */
const MESSAGE_ROWS = 10;

/**
 * Imports one CSV file of teams, people or cases. `actor` is the person importing (a beheerder);
 * null when the system itself imports (the command line on the server). A file given by its path
 * is read from disk as the import goes (and, for cases, twice: see cases.ts).
 */
export async function importCsv(
  ctx: CaseContext,
  actor: Reader | null,
  kind: ImportKind,
  file: CsvSource,
): Promise<Result<ImportSummary>> {
  return inTransaction(ctx, async (tx) => {
    if (actor && !("operator" in actor)) {
      const person = await loadActingPerson(tx, actor.personId);
      require(person.role === "beheerder", "Alleen een functioneel beheerder kan bestanden importeren.");
    }
    const outcome = await importKind(ctx, tx, kind, file);
    if (!outcome.ok) throw new CaseFailure(rowsError(outcome.errors));
    const summary: ImportSummary = {
      kind,
      inserted: outcome.inserted.length,
      updated: outcome.updated.length,
      unchanged: outcome.unchanged,
    };
    if (summary.inserted + summary.updated > 0) {
      // Codes and zaaknummers only (domain.md §3). Cases are named once, in the row's zaaknummers:
      // the first `inserted` of them are new. A second copy in the details cost 100,000 keys of
      // memory at the end of a large import, and would be one more place retention must reach.
      const cases = kind === "cases";
      await appendAudit(tx, actor, {
        action: `import_${kind}`,
        zaaknummers: cases ? [...outcome.inserted, ...outcome.updated] : [],
        details: {
          inserted: summary.inserted,
          updated: summary.updated,
          unchanged: summary.unchanged,
          ...(cases ? {} : { insertedKeys: outcome.inserted, updatedKeys: outcome.updated }),
        },
      });
    }
    return summary;
  });
}

async function importKind(ctx: CaseContext, tx: Tx, kind: ImportKind, file: CsvSource): Promise<KindOutcome> {
  if (kind === "cases") return importCases(ctx, tx, (onRow) => readRows(file, CASE_COLUMNS, onRow));
  const rows: Row[] = [];
  const read = await readRows(file, IMPORT_COLUMNS[kind], (row) => void rows.push(row));
  if (!read.ok || read.errors.length > 0) return { ok: false, errors: read.errors };
  return kind === "teams" ? importTeams(tx, rows) : importPeople(tx, rows);
}

function rowsError(errors: RowError[]): CaseError {
  const rows = [...errors].sort((a, b) => a.line - b.line);
  const lines = new Set(rows.map((r) => r.line)).size;
  const shown = rows.slice(0, MESSAGE_ROWS).map((r) => r.message);
  if (rows.length > MESSAGE_ROWS) shown.push(`… en nog ${rows.length - MESSAGE_ROWS} fouten.`);
  const head =
    lines === 1
      ? "Er is niets ingelezen: 1 regel van het bestand is niet goed."
      : `Er is niets ingelezen: ${lines} regels van het bestand zijn niet goed.`;
  return { code: "validation", message: [head, ...shown].join("\n"), rows };
}

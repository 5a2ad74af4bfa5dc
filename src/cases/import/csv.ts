import { z } from "zod";
import { isIsoDate } from "../../domain/dates.ts";
import type { IsoDate } from "../../domain/types.ts";
import { hasControlCharacter } from "../validate.ts";

// Reading CSV text as spreadsheets write it: a header row, ";" or "," separated (whichever the
// header line uses), UTF-8 with or without BOM, fields in double quotes (a doubled quote inside
// stands for one; quoted fields may span lines), CRLF or LF. Every record keeps the line number
// where it starts in the file, so errors can name it: the header is line 1.

export type Delimiter = ";" | ",";

export interface CsvRecord {
  /** 1-based line number of the record's first line in the file. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  delimiter: Delimiter;
  /** The header names as written (trimmed), in file order. */
  header: string[];
  /** Line number of the header (1, or later when the file starts with blank lines). */
  headerLine: number;
  records: CsvRecord[];
}

/** One problem in a file, reported at its line and, where it concerns one, its column. */
export interface RowError {
  line: number;
  column?: string;
  message: string;
}

export type CsvParse = { ok: true; table: CsvTable } | { ok: false; error: RowError };

/** Splits CSV text into records; blank lines (also trailing ones) are skipped. */
export function parseCsv(text: string): CsvParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let delimiter: Delimiter | null = null;
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = 1;
  while (pos < body.length) {
    const start = line;
    if (delimiter === null) delimiter = detectDelimiter(body, pos);
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let wasQuoted = false;
    let done = false;
    while (!done) {
      if (pos >= body.length) {
        if (quoted) {
          return {
            ok: false,
            error: {
              line: start,
              message: `regel ${start}: een veld tussen aanhalingstekens wordt niet afgesloten`,
            },
          };
        }
        done = true;
        break;
      }
      const ch = body[pos] as string;
      if (quoted) {
        if (ch === '"') {
          if (body[pos + 1] === '"') {
            field += '"';
            pos += 2;
          } else {
            quoted = false;
            pos += 1;
          }
        } else {
          if (ch === "\n") line += 1;
          field += ch;
          pos += 1;
        }
        continue;
      }
      if (ch === '"' && !wasQuoted && field.trim() === "") {
        // A quote opens a quoted field only at its start (spaces before it are dropped).
        quoted = true;
        wasQuoted = true;
        field = "";
        pos += 1;
      } else if (ch === delimiter) {
        fields.push(field);
        field = "";
        wasQuoted = false;
        pos += 1;
      } else if (ch === "\r" && body[pos + 1] === "\n") {
        pos += 2;
        line += 1;
        done = true;
      } else if (ch === "\n" || ch === "\r") {
        pos += 1;
        line += 1;
        done = true;
      } else {
        field += ch;
        pos += 1;
      }
    }
    fields.push(field);
    const blank = fields.length === 1 && !wasQuoted && (fields[0] as string).trim() === "";
    if (!blank) records.push({ line: start, fields });
    else if (records.length === 0) delimiter = null;
  }
  const [head, ...rest] = records;
  if (!head || delimiter === null) {
    return {
      ok: false,
      error: {
        line: 1,
        message: "regel 1: het bestand is leeg; de eerste regel moet de kolomnamen bevatten",
      },
    };
  }
  return {
    ok: true,
    table: { delimiter, header: head.fields.map((h) => h.trim()), headerLine: head.line, records: rest },
  };
}

/** The header line decides: the separator it uses most (outside quotes); ";" on a tie. */
function detectDelimiter(text: string, from: number): Delimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") semicolons += 1;
    else if (!quoted && ch === ",") commas += 1;
  }
  return commas > semicolons ? "," : ";";
}

export interface ColumnSpec {
  required: readonly string[];
  optional: readonly string[];
}

export interface Row {
  line: number;
  /** Column name (lower case) → raw value; only the columns present in the file. */
  values: Record<string, string>;
}

export type TableRead = { ok: true; columns: Set<string>; rows: Row[] } | { ok: false; errors: RowError[] };

/**
 * Checks the header against the columns of a kind (names are case-insensitive and trimmed) and
 * turns each record into named values. Unknown, duplicate and missing columns are reported at the
 * header line; a record with more fields than the header at its own line. A record with fewer
 * fields reads the missing ones as empty (spreadsheets drop trailing empty cells).
 */
export function readTable(text: string, spec: ColumnSpec): TableRead {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const { header, headerLine, records } = parsed.table;
  const known = new Set([...spec.required, ...spec.optional]);
  const errors: RowError[] = [];
  const names = header.map((h) => h.toLowerCase());
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "") {
      errors.push(rowError(headerLine, undefined, `kolom ${i + 1} heeft geen naam`));
    } else if (!known.has(name)) {
      errors.push(
        rowError(
          headerLine,
          name,
          `onbekende kolom; gebruik ${[...spec.required, ...spec.optional].join(", ")}`,
        ),
      );
    } else if (seen.has(name)) {
      errors.push(rowError(headerLine, name, "deze kolom staat twee keer in de kopregel"));
    }
    seen.add(name);
  });
  for (const name of spec.required) {
    if (!seen.has(name))
      errors.push(rowError(headerLine, name, "deze verplichte kolom ontbreekt in de kopregel"));
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows: Row[] = [];
  for (const record of records) {
    if (record.fields.length > names.length) {
      errors.push(
        rowError(
          record.line,
          undefined,
          `${record.fields.length} velden, maar de kopregel heeft ${names.length} kolommen (let op het scheidingsteken "${parsed.table.delimiter}")`,
        ),
      );
      continue;
    }
    const values: Record<string, string> = {};
    names.forEach((name, i) => {
      values[name] = (record.fields[i] ?? "").trim();
    });
    rows.push({ line: record.line, values });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, columns: seen, rows };
}

/** "regel 4, kolom fte: vul een getal groter dan 0 in" — the message a person reads. */
export function rowError(line: number, column: string | undefined, message: string): RowError {
  const text = lowerFirst(message.trim().replace(/\.$/, ""));
  return column === undefined
    ? { line, message: `regel ${line}: ${text}` }
    : { line, column, message: `regel ${line}, kolom ${column}: ${text}` };
}

function lowerFirst(s: string): string {
  // Keep codes such as "ARIJ" as written: only a capital followed by a lower-case letter is lowered.
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Zod issues of one row, each at the column it concerns (the first path element). */
export function zodRowErrors(line: number, error: z.ZodError): RowError[] {
  const out: RowError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const column = typeof issue.path[0] === "string" ? issue.path[0] : undefined;
    const key = column ?? "";
    if (seen.has(key)) continue; // one message per column is enough to fix it
    seen.add(key);
    out.push(rowError(line, column, issue.message));
  }
  return out;
}

// Column values. Every value arrives as a trimmed string; a column that is absent from the file
// reads as undefined (keep what is stored), an empty cell as null (no value).

/** An optional column: "" becomes null, an absent column stays undefined. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? null : v), schema.nullable().optional());
}

/** A code that other files refer to (team, person): letters, digits, '-', '_' and '.'. */
export function codeValue(what: string) {
  return z
    .string({ error: `vul een ${what} in` })
    .min(1, `vul een ${what} in`)
    .max(30, `een ${what} heeft hoogstens 30 tekens`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, `een ${what} bestaat uit letters, cijfers, '-', '_' of '.'`);
}

/**
 * A name as text. Refused: a line break (a list shows it as two people), a control character, and
 * a start with = + - @ — a spreadsheet runs such a cell as a formula when a list with it is opened.
 */
export function textValue(what: string, max: number) {
  return z
    .string({ error: `vul ${what} in` })
    .min(1, `vul ${what} in`)
    .max(max, `gebruik hoogstens ${max} tekens`)
    .refine((v) => !/[\r\n]/.test(v), `${what} mag niet over meer regels gaan`)
    .refine((v) => !hasControlCharacter(v), `${what} bevat een onzichtbaar teken`)
    .refine(
      (v) => !/^[=+\-@]/.test(v.trim()),
      `${what} mag niet met =, +, - of @ beginnen (een spreadsheet leest dat als formule)`,
    );
}

/** One of a list; upper case is accepted ("OTS", "Ja") and stored in lower case. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  const list = `${values.slice(0, -1).join(", ")} of ${values[values.length - 1]}`;
  return z.preprocess(
    (v) => (typeof v === "string" ? v.toLowerCase() : v),
    z.enum(values, { error: `kies ${list}` }),
  );
}

export const dateValue = z
  .string({ error: "vul een datum in (JJJJ-MM-DD)" })
  .min(1, "vul een datum in (JJJJ-MM-DD)")
  .refine((v) => isIsoDate(v), "vul een bestaande datum in als JJJJ-MM-DD");

/** A date on which something happened: not after today. */
export function pastDate(today: IsoDate) {
  return dateValue.refine(
    (v) => !isIsoDate(v) || v <= today,
    `de datum ligt in de toekomst (vandaag is ${today})`,
  );
}

/** What one kind's import did (keys of the written rows), or the rows that stop it. */
export type KindOutcome =
  | { ok: false; errors: RowError[] }
  | { ok: true; inserted: string[]; updated: string[]; unchanged: number };

/** Reports the second and later rows that repeat a key of an earlier row. */
export function duplicateKeys(rows: readonly { line: number; key: string }[], column: string): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const { line, key } of rows) {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, line);
    else errors.push(rowError(line, column, `${key} staat ook al op regel ${earlier}`));
  }
  return errors;
}

/** The non-empty values of one column, with their lines: for key and reference checks. */
export function keysOf(rows: readonly Row[], column: string): { line: number; key: string }[] {
  return rows.flatMap((r) => {
    const key = r.values[column] ?? "";
    return key === "" ? [] : [{ line: r.line, key }];
  });
}

/** Splits a list for IN (...) queries of bounded size. */
export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

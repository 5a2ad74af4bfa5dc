import { z } from "zod";
import { isIsoDate } from "../../domain/dates.ts";
import type { IsoDate } from "../../domain/types.ts";
import { hasControlCharacter } from "../validate.ts";

// What the import kinds share: rows and their errors, and the checks of column values.

/** One problem in a file, reported at its line and, where it concerns one, its column. */
export interface RowError {
  line: number;
  column?: string;
  message: string;
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

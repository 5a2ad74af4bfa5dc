import { createReadStream } from "node:fs";
import { type ColumnSpec, type Row, type RowError, rowError } from "./csv.ts";
import { CsvFileError, type CsvRecord, CsvRecordParser } from "./records.ts";
import { Utf8Lines } from "./utf8.ts";

// A CSV file as named rows, one at a time: the file is read in pieces, so a 50 MB import holds
// one piece and the rows the caller keeps, never the whole file.

/** Text (tests, fixtures: already decoded), bytes, or a file that is read from disk as it goes. */
export type CsvSource = string | Uint8Array | { path: string };

export type RowsRead =
  /** The table was read; `errors` are records that do not fit it (too many fields). */
  | { ok: true; columns: Set<string>; errors: RowError[] }
  /** The file is not a table of this kind: a bad header, not UTF-8, an open quote, empty. */
  | { ok: false; errors: RowError[] };

const PIECE = 1 << 20;

/**
 * Checks the header against the columns of a kind (names are case-insensitive and trimmed) and
 * hands each record to `onRow` as named values, in file order. Unknown, duplicate and missing
 * columns are reported at the header line; a record with more fields than the header at its own
 * line. A record with fewer fields reads the missing ones as empty (spreadsheets drop trailing
 * empty cells). Can be called again on the same source to read it again.
 */
export async function readRows(
  source: CsvSource,
  spec: ColumnSpec,
  onRow: (row: Row) => void | Promise<void>,
): Promise<RowsRead> {
  const parser = new CsvRecordParser();
  let names: string[] | null = null;
  let columns = new Set<string>();
  const errors: RowError[] = [];
  const take = async (records: readonly CsvRecord[]): Promise<boolean> => {
    for (const record of records) {
      if (names === null) {
        const header = checkHeader(record, spec);
        if (!header.ok) {
          errors.push(...header.errors);
          return false;
        }
        ({ names, columns } = header);
        continue;
      }
      if (record.fields.length > names.length) {
        errors.push(
          rowError(
            record.line,
            undefined,
            `${record.fields.length} velden, maar de kopregel heeft ${names.length} kolommen (let op het scheidingsteken "${parser.delimiter}")`,
          ),
        );
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) values[names[i] as string] = (record.fields[i] ?? "").trim();
      await onRow({ line: record.line, values });
    }
    return true;
  };
  try {
    for await (const text of textOf(source)) {
      if (!(await take(parser.push(text)))) return { ok: false, errors };
    }
    if (!(await take(parser.end()))) return { ok: false, errors };
  } catch (err) {
    if (err instanceof CsvFileError) return { ok: false, errors: [err.error] };
    throw err;
  }
  if (names === null) {
    return {
      ok: false,
      errors: [
        { line: 1, message: "regel 1: het bestand is leeg; de eerste regel moet de kolomnamen bevatten" },
      ],
    };
  }
  return { ok: true, columns, errors };
}

function checkHeader(
  record: CsvRecord,
  spec: ColumnSpec,
): { ok: true; names: string[]; columns: Set<string> } | { ok: false; errors: RowError[] } {
  const known = new Set([...spec.required, ...spec.optional]);
  const errors: RowError[] = [];
  const names = record.fields.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "") {
      errors.push(rowError(record.line, undefined, `kolom ${i + 1} heeft geen naam`));
    } else if (!known.has(name)) {
      errors.push(
        rowError(
          record.line,
          name,
          `onbekende kolom; gebruik ${[...spec.required, ...spec.optional].join(", ")}`,
        ),
      );
    } else if (seen.has(name)) {
      errors.push(rowError(record.line, name, "deze kolom staat twee keer in de kopregel"));
    }
    seen.add(name);
  });
  for (const name of spec.required) {
    if (!seen.has(name))
      errors.push(rowError(record.line, name, "deze verplichte kolom ontbreekt in de kopregel"));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, names, columns: seen };
}

/** The source's text in pieces; bytes are checked to be UTF-8 (CsvFileError at the first bad line). */
async function* textOf(source: CsvSource): AsyncGenerator<string> {
  if (typeof source === "string") {
    yield source;
    return;
  }
  const lines = new Utf8Lines();
  const decoded = (d: ReturnType<Utf8Lines["push"]>) => {
    if (!d.ok) throw new CsvFileError(d.error);
    return d.text;
  };
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += PIECE) yield decoded(lines.push(source.subarray(i, i + PIECE)));
  } else {
    for await (const piece of createReadStream(source.path, { highWaterMark: PIECE }))
      yield decoded(lines.push(piece as Buffer));
  }
  yield decoded(lines.end());
}

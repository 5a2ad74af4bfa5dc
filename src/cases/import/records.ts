import type { RowError } from "./csv.ts";

// Reading CSV text as spreadsheets write it: a header row, ";" or "," separated (whichever the
// header line uses), UTF-8 with or without BOM, fields in double quotes (a doubled quote inside
// stands for one; quoted fields may span lines), CRLF or LF. Every record keeps the line number
// where it starts in the file, so errors can name it: the header is line 1.
//
// The text arrives in pieces (a 50 MB file is never held whole): a record cut off at the end of a
// piece is read again, from its start, when the next piece arrives.

export type Delimiter = ";" | ",";

export interface CsvRecord {
  /** 1-based line number of the record's first line in the file. */
  line: number;
  fields: string[];
}

/** A problem that stops reading the file (it is not a table any more from here on). */
export class CsvFileError extends Error {
  constructor(readonly error: RowError) {
    super(error.message);
  }
}

type Parsed = { fields: string[]; end: number; lines: number; blank: boolean } | "incomplete";

export class CsvRecordParser {
  private buffer = "";
  /** Line number of the buffer's first character. */
  private line = 1;
  private atStart = true;
  private started = false;
  delimiter: Delimiter | null = null;

  /** The records this piece of text completes. */
  push(text: string): CsvRecord[] {
    this.buffer += text;
    return this.drain(false);
  }

  /** The last records; throws CsvFileError for a quoted field that is never closed. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const body = this.buffer;
    let pos = 0;
    if (this.atStart) {
      if (body.length === 0) return [];
      if (body.charCodeAt(0) === 0xfeff) pos = 1;
      this.atStart = false;
    }
    const out: CsvRecord[] = [];
    while (pos < body.length) {
      if (this.delimiter === null) {
        const found = detectDelimiter(body, pos, final);
        if (found === null) break;
        this.delimiter = found;
      }
      const record = parseRecord(body, pos, this.delimiter, final);
      if (record === "incomplete") {
        if (final) {
          throw new CsvFileError({
            line: this.line,
            message: `regel ${this.line}: een veld tussen aanhalingstekens wordt niet afgesloten`,
          });
        }
        break;
      }
      if (!record.blank) {
        out.push({ line: this.line, fields: record.fields });
        this.started = true;
      } else if (!this.started) this.delimiter = null;
      this.line += record.lines;
      pos = record.end;
    }
    this.buffer = body.slice(pos);
    return out;
  }
}

/**
 * The header line decides: the separator it uses most (outside quotes); ";" on a tie. Null while
 * the line is not complete yet.
 */
function detectDelimiter(text: string, from: number, final: boolean): Delimiter | null {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  let ended = final;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      ended = true;
      break;
    } else if (!quoted && ch === ";") semicolons += 1;
    else if (!quoted && ch === ",") commas += 1;
  }
  if (!ended) return null;
  return commas > semicolons ? "," : ";";
}

const CR = 13;
const LF = 10;
const QUOTE = 34;

/** One record from `pos`: its fields, where it ends, and how many line breaks it spans. */
function parseRecord(body: string, pos: number, delimiter: Delimiter, final: boolean): Parsed {
  const delim = delimiter.charCodeAt(0);
  const fields: string[] = [];
  let field = "";
  let wasQuoted = false;
  let lines = 0;
  for (;;) {
    if (pos >= body.length) {
      if (!final) return "incomplete";
      break;
    }
    const ch = body.charCodeAt(pos);
    if (ch === QUOTE && !wasQuoted && field.trim() === "") {
      // A quote opens a quoted field only at its start (spaces before it are dropped).
      wasQuoted = true;
      field = "";
      pos += 1;
      for (;;) {
        const close = body.indexOf('"', pos);
        if (close < 0) return "incomplete";
        // A quote as the last character may be the first of a doubled one: wait for more.
        if (close + 1 >= body.length && !final) return "incomplete";
        const part = body.slice(pos, close);
        field += part;
        lines += countLineFeeds(part);
        if (body.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          pos = close + 2;
        } else {
          pos = close + 1;
          break;
        }
      }
    } else if (ch === delim) {
      fields.push(field);
      field = "";
      wasQuoted = false;
      pos += 1;
    } else if (ch === CR || ch === LF) {
      // A CR at the end of a piece may be the first half of a CRLF.
      if (ch === CR && pos + 1 >= body.length && !final) return "incomplete";
      pos += ch === CR && body.charCodeAt(pos + 1) === LF ? 2 : 1;
      lines += 1;
      break;
    } else {
      let end = pos + 1;
      while (end < body.length) {
        const c = body.charCodeAt(end);
        if (c === delim || c === CR || c === LF || c === QUOTE) break;
        end += 1;
      }
      // The first character is taken as it is: a quote here is inside a field (or after a closed
      // one), where it is an ordinary character.
      field += body.slice(pos, end);
      pos = end;
    }
  }
  fields.push(field);
  const blank = fields.length === 1 && !wasQuoted && (fields[0] as string).trim() === "";
  return { fields, end: pos, lines, blank };
}

function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n += 1;
  return n;
}

import type { RowError } from "./csv.ts";

const LF = 0x0a;

export type Decoded = { ok: true; text: string } | { ok: false; error: RowError };

/**
 * A file's bytes as text, piece by piece, only when they are UTF-8: spreadsheets also save Latin-1
 * or Windows-1252, which a lenient decoder turns into "M�ller" without a word. Only complete lines
 * are decoded (a line feed is never part of a multi-byte character, so a piece may end anywhere),
 * and the refusal names the first line that is not UTF-8.
 */
export class Utf8Lines {
  private rest: Uint8Array = new Uint8Array(0);
  /** Line number of the first line in `rest`. */
  private line = 1;

  /** The text of the lines this piece completes; a partial last line waits for the next piece. */
  push(bytes: Uint8Array): Decoded {
    const joined = this.rest.length === 0 ? bytes : concat(this.rest, bytes);
    const last = joined.lastIndexOf(LF);
    if (last < 0) {
      this.rest = joined === bytes ? bytes.slice() : joined;
      return { ok: true, text: "" };
    }
    // A copy, so the big piece it came from can be freed.
    this.rest = joined.slice(last + 1);
    return this.decode(joined.subarray(0, last + 1));
  }

  /** The text of the last line (a file need not end with a line feed). */
  end(): Decoded {
    const rest = this.rest;
    this.rest = new Uint8Array(0);
    return this.decode(rest);
  }

  private decode(bytes: Uint8Array): Decoded {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    try {
      const text = decoder.decode(bytes);
      this.line += countLineFeeds(bytes);
      return { ok: true, text };
    } catch {
      // Slow path only for a bad file: find the line.
    }
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== LF) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return { ok: false, error: notUtf8(this.line) };
      }
      this.line += 1;
      start = i + 1;
    }
    return { ok: false, error: notUtf8(this.line) };
  }
}

/** A whole file's bytes as text, only when they are UTF-8 (see Utf8Lines). */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const lines = new Utf8Lines();
  const head = lines.push(bytes);
  if (!head.ok) return head;
  const tail = lines.end();
  return tail.ok ? { ok: true, text: head.text + tail.text } : tail;
}

function notUtf8(line: number): RowError {
  return {
    line,
    message:
      `regel ${line}: het bestand is geen UTF-8 (opgeslagen als Latin-1 of Windows-1252?). ` +
      "Sla het op als 'CSV UTF-8' en lees het opnieuw in.",
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countLineFeeds(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n += 1;
  return n;
}

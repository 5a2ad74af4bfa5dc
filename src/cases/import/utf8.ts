import type { RowError } from "./csv.ts";

const LF = 0x0a;

/**
 * A file's bytes as text, only when they are UTF-8: spreadsheets also save Latin-1 or Windows-1252,
 * which a lenient decoder turns into "M�ller" without a word. Decoded line by line (a line feed is
 * never part of a multi-byte character), so the refusal names the first line that is not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: RowError } {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    // Slow path only for a bad file: find the line.
  }
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== LF) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return {
        ok: false,
        error: {
          line,
          message:
            `regel ${line}: het bestand is geen UTF-8 (opgeslagen als Latin-1 of Windows-1252?). ` +
            "Sla het op als 'CSV UTF-8' en lees het opnieuw in.",
        },
      };
    }
    line += 1;
    start = i + 1;
  }
  return { ok: true, text: new TextDecoder("utf-8").decode(bytes) };
}

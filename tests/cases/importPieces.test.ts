import { expect, it } from "vitest";
import { CsvFileError, type CsvRecord, CsvRecordParser } from "../../src/cases/import/records.ts";
import { Utf8Lines } from "../../src/cases/import/utf8.ts";

// A file is read in pieces of 1 MiB (issue 15 item 11), which end anywhere: inside a quoted field,
// between the CR and LF of a line end, between a doubled quote, inside a multi-byte character.
// Read in pieces, the file must give exactly what it gives read whole.

const TEXT =
  '\uFEFF code ; naam ;soort\r\nA;"Team ""A""\r\nmet regel";regulier\r\n\r\n  "B" ;Müller;ccp\n"C";"x;y";crt\r\nD;laatste\r';

function whole(text: string): CsvRecord[] {
  const parser = new CsvRecordParser();
  return [...parser.push(text), ...parser.end()];
}

function inPieces(text: string, size: number): CsvRecord[] {
  const parser = new CsvRecordParser();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  return [...out, ...parser.end()];
}

it("reads the same records whole and in pieces of any size", () => {
  const expected = whole(TEXT);
  expect(expected).toEqual([
    { line: 1, fields: [" code ", " naam ", "soort"] },
    { line: 2, fields: ["A", 'Team "A"\r\nmet regel', "regulier"] },
    { line: 5, fields: ["B ", "Müller", "ccp"] },
    { line: 6, fields: ["C", "x;y", "crt"] },
    { line: 7, fields: ["D", "laatste"] },
  ]);
  for (const size of [1, 2, 3, 5, 7, 16]) expect(inPieces(TEXT, size), `pieces of ${size}`).toEqual(expected);
});

it("names the line of a quote that is never closed, also in pieces", () => {
  const text = 'code;naam;soort\nA;Team A;regulier\nB;"Team B;ccp\n';
  for (const size of [1, 4, text.length]) {
    expect(() => inPieces(text, size)).toThrow(CsvFileError);
    try {
      inPieces(text, size);
    } catch (err) {
      expect((err as CsvFileError).error.line).toBe(3);
    }
  }
});

it("decodes UTF-8 cut inside a character, and names the first line that is not UTF-8", () => {
  const bytes = new TextEncoder().encode("code;naam\nA;Jet Müller\nB;Zoë\n");
  for (const size of [1, 2, 3, bytes.length]) {
    const lines = new Utf8Lines();
    let text = "";
    for (let i = 0; i < bytes.length; i += size) {
      const piece = lines.push(bytes.subarray(i, i + size));
      if (!piece.ok) throw new Error(piece.error.message);
      text += piece.text;
    }
    const last = lines.end();
    expect(last.ok && text + last.text).toBe("code;naam\nA;Jet Müller\nB;Zoë\n");
  }
  const latin1 = Buffer.from("code;naam\nA;Jet\nB;Müller\n", "latin1");
  const lines = new Utf8Lines();
  const first = lines.push(latin1.subarray(0, 12));
  expect(first.ok).toBe(true);
  const second = lines.push(latin1.subarray(12));
  expect(second.ok ? null : second.error.line).toBe(3);
});

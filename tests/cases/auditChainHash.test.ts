import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ChainedRow, isPseudonym, pseudonym, rowHash } from "../../src/cases/auditChain.ts";

// rowHash feeds the hash piece by piece (an import's row names 100,000 zaaknummers). Rows already
// in a database were hashed from the content built whole, so the bytes must be exactly those: this
// is that first implementation, kept here as the reference.
function canonical(value: unknown, replace: (s: string) => string): unknown {
  if (typeof value === "string") return replace(value);
  if (Array.isArray(value)) return value.map((v) => canonical(v, replace));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k], replace)]),
    );
  }
  return value;
}

function referenceHash(key: string, previous: string | null, row: ChainedRow): string {
  const plain = new Set(row.zaaknummers.filter((z) => !isPseudonym(z)));
  const replace = (s: string) => (plain.has(s) ? pseudonym(key, s) : s);
  const content = JSON.stringify([
    previous ?? "",
    row.at.toISOString(),
    row.actorId,
    row.onBehalfOfId,
    row.operator,
    row.via,
    row.action,
    row.access,
    row.outcome,
    row.caseId,
    row.zaaknummers.map((z) => pseudonym(key, z)),
    canonical(row.details, replace),
  ]);
  return createHash("sha256").update(content).digest("hex");
}

const KEY = "test-key";

function row(zaaknummers: string[], details: unknown, extra: Partial<ChainedRow> = {}): ChainedRow {
  return {
    at: new Date("2026-06-15T10:11:12.345Z"),
    actorId: 7,
    onBehalfOfId: null,
    operator: null,
    via: "slack",
    action: "import_cases",
    access: "wijzigen",
    outcome: "gelukt",
    caseId: null,
    zaaknummers,
    details,
    ...extra,
  };
}

describe("rowHash written in pieces", () => {
  const many = Array.from({ length: 5000 }, (_, i) => `B-${String(i).padStart(7, "0")}`);
  const rows: [string, ChainedRow][] = [
    [
      "an import's row: many zaaknummers, again in the details",
      row(many, { inserted: 5000, insertedKeys: many }),
    ],
    ["no details", row([], {})],
    ["undefined details", row(["Z-1"], undefined)],
    ["null details", row(["Z-1"], null, { operator: "beheer", actorId: null, via: "cli" })],
    [
      "nested values JSON leaves out or writes as null",
      row(["Z-1", "Z-2"], {
        b: [1, undefined, () => 1, "Z-2", { c: undefined, d: "Z-1" }],
        a: { z: 'x\u00e9\n"', y: [[], {}], x: Number.NaN, w: -0, v: true },
        f: () => 1,
        u: undefined,
        n: null,
        when: new Date("2026-01-01T00:00:00Z"),
      }),
    ],
    ["integer-like keys", row(["Z-1"], { 10: "a", 2: "b", b: "Z-1", "01": "c", a: 1 })],
    ["already pseudonymised", row([pseudonym(KEY, "Z-1"), "Z-2"], { keys: [pseudonym(KEY, "Z-1"), "Z-2"] })],
    ["an array as details", row(["Z-1"], ["Z-1", 3, null])],
    ["a string as details", row(["Z-1"], "Z-1")],
    ["toJSON of its own", row(["Z-1"], { v: { toJSON: () => "same", w: "Z-1" } })],
  ];
  it.each(rows)("hashes the same bytes as the content built whole: %s", (_, r) => {
    for (const previous of [null, "abc"])
      expect(rowHash(KEY, previous, r)).toBe(referenceHash(KEY, previous, r));
  });
});

import { createHash, createHmac } from "node:crypto";

// The audit log is tamper-evident: each row's hash covers its content and the previous row's hash,
// so editing, inserting or deleting a row breaks the chain from that row on. Zaaknummers enter the
// hash in their keyed-hash form: the retention job may later replace a row's zaaknummers by exactly
// that form (AVG opslagbeperking) and the chain still verifies, while any other edit does not.

const PSEUDONYM = /^#[0-9a-f]{64}$/;

export function isPseudonym(value: string): boolean {
  return PSEUDONYM.test(value);
}

/** The keyed hash that replaces a zaaknummer after the audit retention period. */
export function pseudonym(key: string, zaaknummer: string): string {
  return isPseudonym(zaaknummer)
    ? zaaknummer
    : `#${createHmac("sha256", key).update(zaaknummer).digest("hex")}`;
}

export interface ChainedRow {
  at: Date;
  actorId: number | null;
  onBehalfOfId: number | null;
  operator: string | null;
  via: string;
  action: string;
  access: string;
  outcome: string;
  caseId: number | null;
  zaaknummers: string[];
  details: unknown;
}

/** Every string in `value` that is one of the row's zaaknummers, in keyed form; keys sorted. */
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

/**
 * The same row before and after pseudonymisation gives the same content, hence the same hash.
 * The content is JSON.stringify([previous, at, …, caseId, keyed zaaknummers, canonical details]),
 * fed to the hash piece by piece: an import's row names 100,000 zaaknummers (twice, with its
 * details), and building that text whole took ~40 MB at the end of a 100,000-case import.
 */
export function rowHash(key: string, previous: string | null, row: ChainedRow): string {
  const plain = new Set(row.zaaknummers.filter((z) => !isPseudonym(z)));
  const replace = (s: string) => (plain.has(s) ? pseudonym(key, s) : s);
  const out = new HashWriter();
  const head = JSON.stringify([
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
  ]);
  out.write(`${head.slice(0, -1)},[`);
  row.zaaknummers.forEach((z, i) => {
    out.write(`${i === 0 ? "" : ","}${JSON.stringify(pseudonym(key, z))}`);
  });
  out.write("],");
  writeCanonical(out, row.details, replace, true);
  out.write("]");
  return out.digest();
}

/** A sha256 fed in pieces of some KB (one update per zaaknummer would cost a call each). */
class HashWriter {
  private readonly hash = createHash("sha256");
  private pending = "";

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 65536) {
      this.hash.update(this.pending);
      this.pending = "";
    }
  }

  digest(): string {
    return this.hash.update(this.pending).digest("hex");
  }
}

/**
 * Writes JSON.stringify(canonical(value, replace)) without building it: arrays and objects element
 * by element, everything else as JSON.stringify writes it. `inArray`: where JSON writes "null" for
 * a value it leaves out of an object (undefined, a function, a symbol).
 */
function writeCanonical(
  out: HashWriter,
  value: unknown,
  replace: (s: string) => string,
  inArray: boolean,
): void {
  if (Array.isArray(value)) {
    out.write("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.write(",");
      writeCanonical(out, value[i], replace, true);
    }
    out.write("]");
    return;
  }
  if (value && typeof value === "object" && !Object.hasOwn(value, "toJSON")) {
    // The key order of Object.fromEntries(sorted keys), as canonical() builds it: JavaScript puts
    // integer-like keys first, in numeric order, whatever order they are added in.
    const record = value as Record<string, unknown>;
    const keys = Object.keys(
      Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((k) => [k, 0]),
      ),
    );
    out.write("{");
    let first = true;
    for (const k of keys) {
      if (omitted(record[k])) continue;
      out.write(`${first ? "" : ","}${JSON.stringify(k)}:`);
      writeCanonical(out, record[k], replace, false);
      first = false;
    }
    out.write("}");
    return;
  }
  if (omitted(value)) {
    if (inArray) out.write("null");
    return;
  }
  out.write(JSON.stringify(canonical(value, replace)));
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** What retention stores: zaaknummers and every copy of them in the details in keyed form. */
export function pseudonymise(key: string, zaaknummers: string[], details: unknown) {
  const plain = new Set(zaaknummers.filter((z) => !isPseudonym(z)));
  const replace = (s: string) => (plain.has(s) ? pseudonym(key, s) : s);
  return {
    zaaknummers: zaaknummers.map((z) => pseudonym(key, z)),
    details: canonical(details, replace),
  };
}

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

/** The same row before and after pseudonymisation gives the same content, hence the same hash. */
export function rowHash(key: string, previous: string | null, row: ChainedRow): string {
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

/** What retention stores: zaaknummers and every copy of them in the details in keyed form. */
export function pseudonymise(key: string, zaaknummers: string[], details: unknown) {
  const plain = new Set(zaaknummers.filter((z) => !isPseudonym(z)));
  const replace = (s: string) => (plain.has(s) ? pseudonym(key, s) : s);
  return {
    zaaknummers: zaaknummers.map((z) => pseudonym(key, z)),
    details: canonical(details, replace),
  };
}

import { asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { auditLog, auditSecret } from "../../db/schema.ts";
import { rowHash } from "./auditChain.ts";
import type { Actor } from "./context.ts";

/**
 * Who acted when it is not a person known in Zicht: an administrator at the command line (the OS
 * user) or a job of the system. The audit log records them under `operator`.
 */
export interface Operator {
  operator: string;
  /** cli, system, or the platform a job posted to a channel on. */
  via: string;
}

/** Anyone who can read or change case details: a person through a door, or an operator. */
export type Reader = Actor | Operator;

export type Access = "lezen" | "wijzigen" | "export";

export interface AuditEntry {
  action: string;
  /** Every case the row concerns; for a list: every zaaknummer shown. */
  zaaknummers?: readonly string[];
  caseId?: number | null;
  access?: Access;
  outcome?: "gelukt" | "geweigerd";
  onBehalfOfId?: number | null;
  /** Codes and dates only, never case content beyond zaaknummers. */
  details?: Record<string, unknown>;
}

// One chain for the whole log: the append takes a transaction-scoped advisory lock, so the
// previous row is the last committed one and rows are chained in id order. Audit is the last
// write of a use case, which keeps the lock short and never taken before a row lock.
const CHAIN_LOCK = 7_513_001;

/** Takes the chain's lock for the rest of the transaction. */
export async function lockChain(tx: Db | Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

export async function auditKey(tx: Db | Tx): Promise<string> {
  const [row] = await tx.select({ key: auditSecret.key }).from(auditSecret).where(eq(auditSecret.id, 1));
  if (!row) throw new Error("audit_secret is missing: run the migrations");
  return row.key;
}

function isOperator(who: Reader): who is Operator {
  return "operator" in who;
}

/** Appends one row to the hash-chained audit log. */
export async function appendAudit(tx: Tx, who: Reader | null, entry: AuditEntry): Promise<void> {
  await lockChain(tx);
  const key = await auditKey(tx);
  const previous = await sealBacklog(tx, key);
  const row = {
    // Milliseconds only: the hash is computed on this value and must match it read back.
    at: new Date(),
    actorId: who && !isOperator(who) ? who.personId : null,
    onBehalfOfId: entry.onBehalfOfId ?? null,
    operator: who === null ? "system" : isOperator(who) ? who.operator : null,
    via: who?.via ?? "system",
    action: entry.action,
    access: entry.access ?? "wijzigen",
    outcome: entry.outcome ?? "gelukt",
    caseId: entry.caseId ?? null,
    zaaknummers: [...new Set(entry.zaaknummers ?? [])],
    details: entry.details ?? {},
  };
  await tx.insert(auditLog).values({ ...row, hash: rowHash(key, previous, row) });
}

/**
 * Appends who did (or read) what, on which case, through which door. A `zaaknummer` in the
 * details is the case the row concerns.
 */
export async function audit(
  db: Db | Tx,
  actor: Reader | null,
  action: string,
  caseId: number | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  const zaaknummer = typeof details.zaaknummer === "string" ? [details.zaaknummer] : [];
  // The chain's lock is transaction-scoped: outside a use case's transaction, open one (inside
  // one this is a savepoint, and the lock still lasts until the outer commit).
  await (db as Db).transaction((tx) =>
    appendAudit(tx, actor, { action, caseId, zaaknummers: zaaknummer, details }),
  );
}

/** A read of case details: one row per read, for a list one row with every zaaknummer shown. */
export async function auditRead(
  tx: Tx,
  reader: Reader | null,
  action: string,
  zaaknummers: readonly string[],
  details: Record<string, unknown> = {},
  access: Access = "lezen",
): Promise<void> {
  await appendAudit(tx, reader, { action, zaaknummers, access, details });
}

/**
 * Rows written before the chain existed (migration 0005) get their hashes once, in id order.
 * Returns the hash of the last row, the one the next row chains to. Call under the chain lock.
 */
export async function sealBacklog(tx: Db | Tx, key: string): Promise<string | null> {
  const [last] = await tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!last) return null;
  if (last.hash !== null) return last.hash;
  const unsealed = await tx.select().from(auditLog).where(isNull(auditLog.hash)).orderBy(asc(auditLog.id));
  const first = unsealed[0];
  if (!first) return null;
  const [before] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(sql`${auditLog.id} < ${first.id}`)
    .orderBy(desc(auditLog.id))
    .limit(1);
  let previous = before?.hash ?? null;
  for (const row of unsealed) {
    previous = rowHash(key, previous, row);
    await tx.update(auditLog).set({ hash: previous }).where(eq(auditLog.id, row.id));
  }
  return previous;
}

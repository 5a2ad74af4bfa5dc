import { asc, desc, eq, isNull, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "../../db/client.ts";
import { auditLog, auditSecret } from "../../db/schema.ts";
import { type ChainedRow, rowHash } from "./auditChain.ts";
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
export async function appendAudit(tx: Db | Tx, who: Reader | null, entry: AuditEntry): Promise<void> {
  const row: ChainedRow = {
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
  // A use case's row belongs to its transaction. A read path runs without one; its row joins
  // the rows other reads are appending at the same moment (group commit).
  if ("rollback" in tx) return appendRows(tx, [row]);
  return groupAppend(tx, row);
}

/** Extends the chain by `rows` in order, under its lock, in one insert. */
async function appendRows(tx: Tx, rows: ChainedRow[]): Promise<void> {
  const { key, last } = await lockedChainEnd(tx);
  let previous = last ? await sealFrom(tx, key, last) : null;
  const values = rows.map((row) => {
    previous = rowHash(key, previous, row);
    return { ...row, hash: previous };
  });
  await tx.insert(auditLog).values(values);
}

interface Waiting {
  row: ChainedRow;
  resolve(): void;
  reject(err: unknown): void;
}

/** Per database: rows waiting for the next append, and whether one is under way. */
const groups = new WeakMap<Db, { waiting: Waiting[]; busy: boolean }>();
const GROUP_MAX = 200;

/**
 * Reads logged at the same moment share one transaction: on Monday at 8:00 fifty people opening a
 * case cost one chain lock and one insert, not fifty. Each reader's answer still waits until its
 * own row is committed, so no read is shown without its log row.
 */
function groupAppend(db: Db, row: ChainedRow): Promise<void> {
  const current = groups.get(db) ?? { waiting: [], busy: false };
  groups.set(db, current);
  return new Promise((resolve, reject) => {
    current.waiting.push({ row, resolve, reject });
    if (!current.busy) void drain(db, current);
  });
}

async function drain(db: Db, group: { waiting: Waiting[]; busy: boolean }): Promise<void> {
  group.busy = true;
  try {
    while (group.waiting.length > 0) {
      const batch = group.waiting.splice(0, GROUP_MAX);
      try {
        await db.transaction((tx) =>
          appendRows(
            tx,
            batch.map((w) => w.row),
          ),
        );
        for (const w of batch) w.resolve();
      } catch (err) {
        if (batch.length === 1) batch[0]?.reject(err);
        // One failing row must not fail the others: each goes again on its own.
        else for (const w of batch) appendOne(db, w);
      }
    }
  } finally {
    group.busy = false;
  }
}

function appendOne(db: Db, w: Waiting): void {
  db.transaction((tx) => appendRows(tx, [w.row])).then(w.resolve, w.reject);
}

/**
 * Appends who did (or read) what, on which case, through which door. A `zaaknummer` in the
 * details is the case the row concerns.
 */
export async function audit(
  tx: Db | Tx,
  actor: Reader | null,
  action: string,
  caseId: number | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  const zaaknummer = typeof details.zaaknummer === "string" ? [details.zaaknummer] : [];
  await appendAudit(tx, actor, { action, caseId, zaaknummers: zaaknummer, details });
}

/** A read of case details: one row per read, for a list one row with every zaaknummer shown. */
export async function auditRead(
  tx: Db | Tx,
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
  return last ? sealFrom(tx, key, last) : null;
}

/**
 * Takes the chain's lock, then reads its key and last row: one statement (migration 0014's
 * function reads after the lock, with a snapshot that sees the previous holder's row).
 */
async function lockedChainEnd(
  tx: Tx,
): Promise<{ key: string; last: { id: number; hash: string | null } | null }> {
  const [row] = rowsOf<{ key: string | null; last_id: number | string | null; last_hash: string | null }>(
    await tx.execute(sql`select key, last_id, last_hash from audit_chain_end(${CHAIN_LOCK})`),
  );
  if (!row?.key) throw new Error("audit_secret is missing: run the migrations");
  return {
    key: row.key,
    last: row.last_id === null ? null : { id: Number(row.last_id), hash: row.last_hash },
  };
}

async function sealFrom(tx: Db | Tx, key: string, last: { id: number; hash: string | null }) {
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

import { TZDate } from "@date-fns/tz";
import { and, asc, eq, gt, gte, lt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { auditHead, auditLog, people } from "../../db/schema.ts";
import { addDays } from "../domain/dates.ts";
import {
  type Access,
  appendAudit,
  auditKey,
  auditRead,
  lockChain,
  type Operator,
  type Reader,
  sealBacklog,
} from "./audit.ts";
import { rowHash } from "./auditChain.ts";
import type { CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { require } from "./permissions.ts";
import type { Result } from "./result.ts";
import { findPerson, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

// Answers for the privacy officer (FG): who read or changed this case, what did this person
// access, and is the log intact. For role beheerder in chat and for operators at the CLI.
// Asking is itself logged: the FG's queries are reads of case details too.

export interface AuditTrailRow {
  at: string;
  /** Person code, or the operator (OS user at the CLI, "system" for a job). */
  person: string;
  onBehalfOf: string | null;
  action: string;
  zaaknummers: string[];
  via: string;
  access: string;
  outcome: string;
}

async function requireOfficer(tx: Parameters<typeof loadActingPerson>[0], who: Reader): Promise<void> {
  if ("operator" in who) return;
  const person = await loadActingPerson(tx, who.personId);
  require(person.role === "beheerder", "Alleen een beheerder kan het auditlog inzien.");
}

const onBehalf = sql<string | null>`(select code from people p2 where p2.id = ${auditLog.onBehalfOfId})`;

function select(tx: Parameters<typeof requireOfficer>[0]) {
  return tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      person: sql<string>`coalesce(${people.code}, ${auditLog.operator}, 'system')`,
      onBehalfOf: onBehalf,
      action: auditLog.action,
      zaaknummers: auditLog.zaaknummers,
      via: auditLog.via,
      access: auditLog.access,
      outcome: auditLog.outcome,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId));
}

const toRow = ({
  id: _id,
  at,
  ...r
}: { id: number; at: Date } & Omit<AuditTrailRow, "at">): AuditTrailRow => ({
  at: at.toISOString(),
  ...r,
});

const caseQuery = z.object({ zaaknummer: f.zaaknummer });

/** Who read or changed this case, when and how; oldest first. */
export async function auditOfCase(
  ctx: CaseContext,
  who: Reader,
  input: unknown,
  access: Access = "lezen",
): Promise<Result<AuditTrailRow[]>> {
  const parsed = parseInput(caseQuery, input, ctx);
  if (!parsed.ok) return parsed;
  const { zaaknummer } = parsed.value;
  const result = await inTransaction(ctx, async (tx) => {
    await requireOfficer(tx, who);
    const rows = await select(tx)
      .where(sql`${auditLog.zaaknummers} @> array[${zaaknummer}]::text[]`)
      .orderBy(asc(auditLog.id));
    await auditRead(tx, who, "auditlog_zaak_ingezien", [zaaknummer], {}, access);
    return rows.map(toRow);
  });
  if (!result.ok) await logRefusal(ctx, who, result, "auditlog_zaak_ingezien", [zaaknummer], access);
  return result;
}

/** A refused attempt to read the log is itself in the log (NEN 7513: the outcome). */
async function logRefusal(
  ctx: CaseContext,
  who: Reader,
  result: Result<unknown>,
  action: string,
  zaaknummers: string[],
  access: Access,
): Promise<void> {
  if (result.ok || result.error.code !== "forbidden") return;
  await ctx.db.transaction((tx) =>
    appendAudit(tx, who, { action, zaaknummers, access, outcome: "geweigerd" }),
  );
}

const personQuery = z
  .object({ person: f.personCode, from: f.isoDate, to: f.isoDate })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "De einddatum ligt voor de begindatum." });

/** Start of an Amsterdam day as an instant. */
const startOf = (day: string) => new TZDate(`${day}T00:00:00`, "Europe/Amsterdam");

/** What this person read or changed between two days (both included); oldest first. */
export async function auditOfPerson(
  ctx: CaseContext,
  who: Reader,
  input: unknown,
  access: Access = "lezen",
): Promise<Result<AuditTrailRow[]>> {
  const parsed = parseInput(personQuery, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const result = await inTransaction(ctx, async (tx) => {
    await requireOfficer(tx, who);
    const person = await findPerson(tx, v.person, "person");
    const rows = await select(tx)
      .where(
        and(
          eq(auditLog.actorId, person.id),
          gte(auditLog.at, startOf(v.from)),
          lt(auditLog.at, startOf(addDays(v.to, 1))),
        ),
      )
      .orderBy(asc(auditLog.id));
    await auditRead(
      tx,
      who,
      "auditlog_persoon_ingezien",
      [...new Set(rows.flatMap((r) => r.zaaknummers))],
      {
        persoon: person.code,
        van: v.from,
        tot: v.to,
      },
      access,
    );
    return rows.map(toRow);
  });
  if (!result.ok) await logRefusal(ctx, who, result, "auditlog_persoon_ingezien", [], access);
  return result;
}

export type ChainCheck =
  | { ok: true; rows: number; head: string | null }
  | { ok: false; rows: number; brokenId: number; brokenAt: string }
  /** The rows form a valid chain, but rows written at its end are gone (cut off, or TRUNCATE). */
  | { ok: false; rows: number; missing: number; lastWritten: number; lastFound: number };

/**
 * Recomputes the hash chain from the first row; names the first row whose hash does not match
 * its content and its predecessor (an edited row, or the row after a deleted or inserted one).
 * The chain's head, kept apart by a trigger, tells whether rows at the end are missing.
 */
export async function verifyAuditChain(ctx: CaseContext, who: Operator): Promise<ChainCheck> {
  const { key, head } = await ctx.db.transaction(async (tx) => {
    await lockChain(tx);
    const k = await auditKey(tx);
    await sealBacklog(tx, k);
    const [h] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
    return { key: k, head: h ?? { lastId: 0, lastHash: null, rowCount: 0 } };
  });
  let previous: string | null = null;
  let lastId = 0;
  let count = 0;
  for (;;) {
    // Rows appended while this runs are past the head read above: the next check covers them.
    const batch = await ctx.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, lastId), lte(auditLog.id, head.lastId)))
      .orderBy(asc(auditLog.id))
      .limit(2000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const expected = rowHash(key, previous, row);
      if (row.hash !== expected) {
        return { ok: false, rows: count, brokenId: row.id, brokenAt: row.at.toISOString() };
      }
      previous = expected;
      lastId = row.id;
      count++;
    }
  }
  const cut = lastId !== head.lastId || count !== head.rowCount;
  if (cut || (head.lastHash !== null && previous !== head.lastHash)) {
    return {
      ok: false,
      rows: count,
      missing: Math.max(head.rowCount - count, 1),
      lastWritten: head.lastId,
      lastFound: lastId,
    };
  }
  await ctx.db.transaction((tx) => auditRead(tx, who, "auditlog_gecontroleerd", [], { rijen: count }));
  return { ok: true, rows: count, head: previous };
}

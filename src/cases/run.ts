import { eq, getTableColumns } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { cases, people, teams } from "../../db/schema.ts";
import { checkZaaknummer, privacyMessage } from "../domain/privacy.ts";
import {
  type ActingPerson,
  actingPersonFrom,
  actingPersonJson,
  type CaseContext,
  loadActingPerson,
} from "./context.ts";
import { CaseFailure, ok, type Result } from "./result.ts";

/** Runs a use case's writes in one transaction; a CaseFailure rolls back and becomes the answer. */
export async function inTransaction<T>(ctx: CaseContext, work: (tx: Tx) => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await ctx.db.transaction(work));
  } catch (err) {
    if (err instanceof CaseFailure) return { ok: false, error: err.error };
    throw err;
  }
}

/**
 * Runs a use case that only reads: no transaction (so no BEGIN/COMMIT, and on the embedded
 * database no lock held between statements); a CaseFailure becomes the answer as in inTransaction.
 */
export async function readOnly<T>(ctx: CaseContext, work: (db: Db) => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work(ctx.db));
  } catch (err) {
    if (err instanceof CaseFailure) return { ok: false, error: err.error };
    throw err;
  }
}

export type CaseRow = typeof cases.$inferSelect;

/** The organisation's pattern is checked where input is parsed; a lookup only needs the refusals. */
const ANY_FORMAT = "";

export async function findCase(tx: Db | Tx, zaaknummer: string, forUpdate = false): Promise<CaseRow> {
  // A lookup by a raw value (a command's argument, a button) passes the guard's fixed refusals too,
  // so a BSN or a name typed after a command is refused and never repeated in "not found".
  const problem = checkZaaknummer(zaaknummer, ANY_FORMAT);
  if (problem) fieldError("zaaknummer", privacyMessage(problem, "Zaaknummer"));
  const query = tx.select().from(cases).where(eq(cases.zaaknummer, zaaknummer));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? caseNotFound(zaaknummer);
}

/**
 * The case locked for a change, with the acting person as of this moment, in one statement (a
 * recording on a case is the commonest write: one round trip less on every form).
 */
export async function lockCaseFor(
  tx: Tx,
  zaaknummer: string,
  personId: number,
): Promise<{ row: CaseRow; person: ActingPerson }> {
  const problem = checkZaaknummer(zaaknummer, ANY_FORMAT);
  if (problem) fieldError("zaaknummer", privacyMessage(problem, "Zaaknummer"));
  const [found] = await tx
    .select({ ...getTableColumns(cases), acting: actingPersonJson(personId) })
    .from(cases)
    .where(eq(cases.zaaknummer, zaaknummer))
    .for("update");
  if (!found) {
    // Who is asking is answered first, as when the two were read apart.
    await loadActingPerson(tx, personId);
    return caseNotFound(zaaknummer);
  }
  const { acting, ...row } = found;
  return { row, person: actingPersonFrom(acting) };
}

export function caseNotFound(zaaknummer: string): never {
  throw new CaseFailure({
    code: "not_found",
    message: `Zaak ${zaaknummer} is niet gevonden.`,
    fields: { zaaknummer: `Zaak ${zaaknummer} is niet gevonden.` },
  });
}

export async function findTeam(tx: Db | Tx, code: string, field = "team") {
  const [row] = await tx.select().from(teams).where(eq(teams.code, code));
  if (!row) {
    throw new CaseFailure({
      code: "validation",
      // The value is not repeated: what was typed may be exactly what must not be shown.
      message: "Dit team bestaat niet.",
      fields: { [field]: "Dit team bestaat niet; kies een team uit de lijst." },
    });
  }
  return row;
}

export async function findPerson(tx: Db | Tx, code: string, field: string) {
  const [row] = await tx.select().from(people).where(eq(people.code, code));
  if (!row?.active) {
    throw new CaseFailure({
      code: "validation",
      message: "Deze persoon bestaat niet.",
      fields: { [field]: "Deze persoon bestaat niet; kies iemand uit de lijst." },
    });
  }
  return row;
}

/** Throws a validation failure at one field. */
export function fieldError(field: string, message: string): never {
  throw new CaseFailure({ code: "validation", message, fields: { [field]: message } });
}

/**
 * Collects every field error of one submission, so a person sees them all at once instead of one
 * per submit. The first message per field wins.
 */
export class FieldErrors {
  private readonly fields: Record<string, string> = {};

  add(field: string, message: string): void {
    this.fields[field] ??= message;
  }

  has(field: string): boolean {
    return field in this.fields;
  }

  /** Throws one validation failure with all collected errors, if there are any. */
  check(): void {
    const entries = Object.values(this.fields);
    if (entries.length === 0) return;
    const message = entries.length === 1 ? (entries[0] as string) : "Niet alle velden zijn goed ingevuld.";
    throw new CaseFailure({ code: "validation", message, fields: { ...this.fields } });
  }
}

import { asc, eq, lte } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { cases, deadlines, people } from "../../db/schema.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import { auditRead, type Reader } from "./audit.ts";
import type { CaseContext } from "./context.ts";

export interface DueItem {
  kind: DeadlineKind;
  zaaknummer: string;
  /** Person code of the owner, or null for an unowned (pool) case. */
  owner: string | null;
  due: IsoDate;
  overdue: boolean;
}

/** Every open deadline due on or before `date`: a range scan on deadlines.due. */
export async function listDue(db: Db | Tx, date: IsoDate): Promise<DueItem[]> {
  const rows = await db
    .select({ kind: deadlines.kind, zaaknummer: cases.zaaknummer, owner: people.code, due: deadlines.due })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(people, eq(people.id, cases.ownerId))
    .where(lte(deadlines.due, date))
    .orderBy(asc(deadlines.due), asc(cases.zaaknummer), asc(deadlines.kind));
  return rows.map((r) => ({ ...r, owner: r.owner ?? null, overdue: r.due < date }));
}

/** The due list as read by someone (the CLI): listed and logged as one read of every case shown. */
export async function readDueList(ctx: CaseContext, reader: Reader, date: IsoDate): Promise<DueItem[]> {
  return ctx.db.transaction(async (tx) => {
    const items = await listDue(tx, date);
    await auditRead(
      tx,
      reader,
      "termijnen_ingezien",
      items.map((i) => i.zaaknummer),
      { tot: date },
    );
    return items;
  });
}

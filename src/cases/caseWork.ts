import type { Tx } from "../../db/client.ts";
import { dutchDate } from "../domain/dates.ts";
import type { Deadline } from "../domain/deadlines.ts";
import type { IsoDate } from "../domain/types.ts";
import { audit } from "./audit.ts";
import type { ActingPerson, Actor, CaseContext } from "./context.ts";
import { refreshDeadlines } from "./deadlineStore.ts";
import { type CaseScope, require } from "./permissions.ts";
import type { Result } from "./result.ts";
import { type CaseRow, fieldError, inTransaction, lockCaseFor } from "./run.ts";

export interface CaseUpdate {
  zaaknummer: string;
  /** The record this step wrote (contact, ARIJ, kernbeslissing), so it can be undone. */
  recordId?: number;
  /** The case's open deadlines after the change. */
  deadlines: Deadline[];
}

interface Step {
  zaaknummer: string;
  allowed: (person: ActingPerson, scope: CaseScope) => boolean;
  forbidden: string;
  action: string;
  /** The change itself; returns the audit details (codes and dates only) and the record it wrote. */
  write: (
    tx: Tx,
    row: CaseRow,
    person: ActingPerson,
  ) => Promise<Record<string, unknown> & { recordId?: number }>;
}

/**
 * The shape every recording on an existing case shares: lock the case, check permission, write,
 * rewrite its deadlines and audit — all in one transaction.
 */
export function workOnCase(ctx: CaseContext, actor: Actor, step: Step): Promise<Result<CaseUpdate>> {
  return inTransaction(ctx, async (tx) => {
    const { person, row } = await lockCaseFor(tx, step.zaaknummer, actor.personId);
    require(step.allowed(person, { teamId: row.teamId, ownerId: row.ownerId }), step.forbidden);
    if (row.phase === "afgesloten") fieldError("zaaknummer", `Zaak ${row.zaaknummer} is afgesloten.`);
    const { recordId, ...details } = await step.write(tx, row, person);
    const open = await refreshDeadlines(tx, ctx, [row.id]);
    await audit(tx, actor, step.action, row.id, { zaaknummer: row.zaaknummer, ...details });
    return {
      zaaknummer: row.zaaknummer,
      ...(recordId !== undefined ? { recordId } : {}),
      deadlines: open
        .map((d) => ({ kind: d.kind, due: d.due as IsoDate, basis: d.basis }))
        .sort((a, b) => a.due.localeCompare(b.due)),
    };
  });
}

/** A recorded event may not lie in the future, nor before the case reached the GI. */
export function checkEventDate(field: string, date: IsoDate, row: CaseRow, today: IsoDate): void {
  if (date > today) fieldError(field, "De datum ligt in de toekomst.");
  if (date < row.receivedOn)
    fieldError(field, `De datum ligt vóór de ontvangst van de zaak (${dutchDate(row.receivedOn)}).`);
}

import { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { absences } from "../../db/schema.ts";
import { audit, type Operator } from "./audit.ts";
import { type ActingPerson, type Actor, type CaseContext, loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { require } from "./permissions.ts";
import type { Result } from "./result.ts";
import { fieldError, findPerson, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

// Leave or illness: from `van` to `tot` (both included) the person gets no day message, and a
// deadline due in that period goes to the team's PB. The person or her PB records it.

export const absenceInput = z.object({
  person: z.string({ error: "Kies een persoon." }).trim().min(1, "Kies een persoon."),
  from: f.isoDate,
  to: f.isoDate,
});

export interface RecordedAbsence {
  person: string;
  name: string;
  from: string;
  to: string;
}

/** Who may record someone's absence: the person, the PB of her team, a beheerder. */
export const canRecordAbsenceOf = (p: ActingPerson, of: { id: number; teamId: number }) =>
  p.id === of.id || p.role === "beheerder" || (p.role === "praktijkbegeleider" && p.teamId === of.teamId);

async function insertAbsence(tx: Db | Tx, personId: number, from: string, to: string) {
  if (to < from) fieldError("to", "De einddatum ligt voor de begindatum.");
  await tx.insert(absences).values({ personId, fromDay: from, toDay: to });
}

/** From a chat form: the person herself or her PB. */
export async function recordAbsence(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<RecordedAbsence>> {
  const parsed = parseInput(absenceInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const acting = await loadActingPerson(tx, actor.personId);
    const of = await findPerson(tx, v.person, "person");
    require(canRecordAbsenceOf(
      acting,
      of,
    ), "Je kunt alleen je eigen afwezigheid of die van je team invullen.");
    await insertAbsence(tx, of.id, v.from, v.to);
    await audit(tx, actor, "afwezigheid_vastgelegd", null, { persoon: of.code, van: v.from, tot: v.to });
    return { person: of.code, name: of.name, from: v.from, to: v.to };
  });
}

/** From the CLI (`zicht afwezig CODE --van D --tot D`), by an operator. */
export async function recordAbsenceAsOperator(
  ctx: CaseContext,
  operator: Operator,
  input: unknown,
): Promise<Result<RecordedAbsence>> {
  const parsed = parseInput(absenceInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const of = await findPerson(tx, v.person, "person");
    await insertAbsence(tx, of.id, v.from, v.to);
    await audit(tx, operator, "afwezigheid_vastgelegd", null, { persoon: of.code, van: v.from, tot: v.to });
    return { person: of.code, name: of.name, from: v.from, to: v.to };
  });
}

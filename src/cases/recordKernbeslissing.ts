import { eq } from "drizzle-orm";
import { z } from "zod";
import { cases, kernbeslissingen } from "../../db/schema.ts";
import { type CaseUpdate, checkEventDate, workOnCase } from "./caseWork.ts";
import type { Actor, CaseContext } from "./context.ts";
import * as f from "./fields.ts";
import { canRecordKernbeslissing } from "./permissions.ts";
import type { Result } from "./result.ts";
import { fieldError, findPerson } from "./run.ts";
import { parseInput } from "./validate.ts";

export const recordKernbeslissingInput = z.object({
  zaaknummer: f.zaaknummer,
  date: f.isoDate,
  contactFrequencyWeeks: f.whole(
    z
      .number({ error: "Vul een heel aantal weken in, in cijfers." })
      .int("Vul een heel aantal weken in.")
      .min(1, "Minimaal 1 week."),
  ),
  gw: f.personCode,
  plannedNext: f.optionalIsoDate,
});

export async function recordKernbeslissing(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(recordKernbeslissingInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: canRecordKernbeslissing,
    forbidden:
      "Een kernbeslissing registreren kan een gedragswetenschapper, de eigenaar, diens team of het CRT.",
    action: "kernbeslissing_geregistreerd",
    write: async (tx, row) => {
      checkEventDate("date", v.date, row, ctx.today());
      // The norm is at least once per contactMonths; a kernbeslissing can only make contact more frequent.
      const maxWeeks = ctx.policy.deadlines.contactFrequencyMaxWeeks;
      if (v.contactFrequencyWeeks > maxWeeks) {
        fieldError(
          "contactFrequencyWeeks",
          `Hoogstens ${maxWeeks} weken: de norm is minimaal eens per ${ctx.policy.deadlines.contactMonths} maanden contact.`,
        );
      }
      const gw = await findPerson(tx, v.gw, "gw");
      if (gw.role !== "gedragswetenschapper") fieldError("gw", `${gw.name} is geen gedragswetenschapper.`);
      if (v.plannedNext && v.plannedNext <= v.date) {
        fieldError("plannedNext", "Het volgende kernbesluit moet na deze kernbeslissing liggen.");
      }
      const [rec] = await tx
        .insert(kernbeslissingen)
        .values({
          caseId: row.id,
          date: v.date,
          contactFrequencyWeeks: v.contactFrequencyWeeks,
          gwId: gw.id,
          plannedNext: v.plannedNext ?? null,
          byId: actor.personId,
        })
        .returning({ id: kernbeslissingen.id });
      await tx
        .update(cases)
        .set({
          contactFrequencyWeeks: v.contactFrequencyWeeks,
          plannedKernbesluit: v.plannedNext ?? null,
          updatedAt: new Date(),
        })
        .where(eq(cases.id, row.id));
      return { datum: v.date, frequentieWeken: v.contactFrequencyWeeks, gw: gw.code, recordId: rec?.id };
    },
  });
}

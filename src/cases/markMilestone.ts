import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { milestones } from "../../db/schema.ts";
import { type CaseUpdate, checkEventDate, workOnCase } from "./caseWork.ts";
import type { Actor, CaseContext } from "./context.ts";
import * as f from "./fields.ts";
import { canWorkOnCase } from "./permissions.ts";
import type { Result } from "./result.ts";
import { fieldError } from "./run.ts";
import { parseInput } from "./validate.ts";

export const markMilestoneInput = z.object({
  zaaknummer: f.zaaknummer,
  kind: f.milestoneKind,
  doneOn: f.isoDate,
});

export async function markMilestone(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(markMilestoneInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: canWorkOnCase,
    forbidden: "Een mijlpaal afronden kan de eigenaar, diens team of het CRT.",
    action: "mijlpaal_afgerond",
    write: async (tx, row) => {
      checkEventDate("doneOn", v.doneOn, row, ctx.today());
      // The OTS extension is prepared per end date: a new end date opens a new preparation.
      let refDate: string | null = null;
      if (v.kind === "verlenging") {
        if (row.measure !== "ots" || !row.endDate) {
          fieldError("kind", "Verlenging voorbereiden geldt alleen voor een OTS met een einddatum.");
        }
        refDate = row.endDate;
      }
      const [already] = await tx
        .select({ id: milestones.id })
        .from(milestones)
        .where(
          and(
            eq(milestones.caseId, row.id),
            eq(milestones.kind, v.kind),
            refDate ? eq(milestones.refDate, refDate) : isNull(milestones.refDate),
          ),
        );
      if (already) fieldError("kind", "Deze mijlpaal is al afgerond.");
      await tx
        .insert(milestones)
        .values({ caseId: row.id, kind: v.kind, doneOn: v.doneOn, refDate, byId: actor.personId });
      return { mijlpaal: v.kind, datum: v.doneOn };
    },
  });
}

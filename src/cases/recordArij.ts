import { z } from "zod";
import { arijAssessments } from "../../db/schema.ts";
import { type CaseUpdate, checkEventDate, workOnCase } from "./caseWork.ts";
import type { Actor, CaseContext } from "./context.ts";
import * as f from "./fields.ts";
import { canWorkOnCase } from "./permissions.ts";
import type { Result } from "./result.ts";
import { parseInput } from "./validate.ts";

export const recordArijInput = z.object({
  zaaknummer: f.zaaknummer,
  date: f.isoDate,
  risk: f.riskLevel,
  reason: f.arijReason,
});

export async function recordArij(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(recordArijInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: canWorkOnCase,
    forbidden: "Een ARIJ registreren kan de eigenaar, diens team of het CRT.",
    action: "arij_geregistreerd",
    write: async (tx, row) => {
      checkEventDate("date", v.date, row, ctx.today());
      const [rec] = await tx
        .insert(arijAssessments)
        .values({ caseId: row.id, date: v.date, risk: v.risk, reason: v.reason, byId: actor.personId })
        .returning({ id: arijAssessments.id });
      return { datum: v.date, risico: v.risk, aanleiding: v.reason, recordId: rec?.id };
    },
  });
}

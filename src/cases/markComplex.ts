import { eq } from "drizzle-orm";
import { z } from "zod";
import { cases } from "../../db/schema.ts";
import { type CaseUpdate, checkEventDate, workOnCase } from "./caseWork.ts";
import type { ActingPerson, Actor, CaseContext } from "./context.ts";
import * as f from "./fields.ts";
import type { Result } from "./result.ts";
import { parseInput } from "./validate.ts";

// Complexity is a judgement, not a count (issue 11 item 8): a gedragswetenschapper or a
// praktijkbegeleider marks a case complex, with the date; only marked cases are terugstroom
// candidates for that reason (domain.md §6).

export const markComplexInput = z.object({
  zaaknummer: f.zaaknummer,
  complex: z.boolean({ error: "Kies of de zaak complex is." }),
  date: f.isoDate.optional(),
});

export const canMarkComplex = (p: ActingPerson) =>
  p.role === "gedragswetenschapper" || p.role === "praktijkbegeleider";

export async function markComplex(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(markComplexInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const date = v.date ?? ctx.today();
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: canMarkComplex,
    forbidden: "Een zaak als complex markeren doet een gedragswetenschapper of praktijkbegeleider.",
    action: v.complex ? "zaak_complex_gemarkeerd" : "zaak_complex_opgeheven",
    write: async (tx, row, person) => {
      if (v.complex) checkEventDate("date", date, row, ctx.today());
      await tx
        .update(cases)
        .set(
          v.complex
            ? { complexOn: date, complexById: person.id, updatedAt: new Date() }
            : { complexOn: null, complexById: null, updatedAt: new Date() },
        )
        .where(eq(cases.id, row.id));
      return v.complex ? { complex: true, datum: date } : { complex: false, was: row.complexOn };
    },
  });
}

import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { cases, triages } from "../../db/schema.ts";
import type { PriorityClass } from "../domain/types.ts";
import { audit } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { canOverridePriority, require } from "./permissions.ts";
import type { Result } from "./result.ts";
import { fieldError, findCase, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export const overridePriorityInput = z.object({
  zaaknummer: f.zaaknummer,
  priorityClass: f.priorityClass,
  // A reason about the priority, not about the family: kept short on purpose.
  reason: z
    .string({ error: "Geef een reden." })
    .trim()
    .min(5, "Geef een reden van minstens 5 tekens.")
    .max(200, "Houd de reden kort: hoogstens 200 tekens, zonder persoonsgegevens."),
});

export interface PriorityOverride {
  zaaknummer: string;
  computed: PriorityClass;
  priorityClass: PriorityClass;
}

/** People decide: a PB may set another class than the computed one; the history stays in the audit log. */
export async function overridePriority(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<PriorityOverride>> {
  const parsed = parseInput(overridePriorityInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    require(canOverridePriority(person), "Alleen een praktijkbegeleider kan een prioriteit aanpassen.");
    const row = await findCase(tx, v.zaaknummer, true);
    const [triage] = await tx
      .select()
      .from(triages)
      .where(eq(triages.caseId, row.id))
      .orderBy(desc(triages.createdAt), desc(triages.id))
      .limit(1);
    if (!triage) fieldError("zaaknummer", `Zaak ${v.zaaknummer} is nog niet getriëerd.`);
    await tx
      .update(triages)
      .set({
        overrideClass: v.priorityClass,
        overrideReason: v.reason,
        overrideById: person.id,
        overrideAt: new Date(),
      })
      .where(eq(triages.id, triage.id));
    await tx
      .update(cases)
      .set({ priorityClass: v.priorityClass, updatedAt: new Date() })
      .where(eq(cases.id, row.id));
    await audit(tx, actor, "prioriteit_aangepast", row.id, {
      zaaknummer: v.zaaknummer,
      van: row.priorityClass,
      naar: v.priorityClass,
      berekend: triage.priorityClass,
      reden: v.reason,
    });
    return { zaaknummer: v.zaaknummer, computed: triage.priorityClass, priorityClass: v.priorityClass };
  });
}

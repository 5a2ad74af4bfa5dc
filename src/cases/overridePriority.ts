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

/**
 * Why a PB sets another class than the computed one: chosen from a list, so that no narrative about
 * the family is ever typed in. "anders" asks for a short note, which passes the privacy guard.
 */
export const OVERRIDE_REASONS = {
  risico_hoger: "Risico hoger dan berekend (nieuwe informatie over de veiligheid)",
  risico_lager: "Risico lager dan berekend (bijvoorbeeld hulp loopt al)",
  signaal_ketenpartner: "Signaal van een ketenpartner (school, politie, Veilig Thuis)",
  termijn_rechter: "Termijn of verzoek van de rechter of de Raad",
  besproken_gw: "Besproken met de gedragswetenschapper",
  anders: "Anders (licht kort toe in de notitie)",
} as const;

export type OverrideReason = keyof typeof OVERRIDE_REASONS;

export const overridePriorityInput = z
  .object({
    zaaknummer: f.zaaknummer,
    priorityClass: f.priorityClass,
    reason: z.enum(Object.keys(OVERRIDE_REASONS) as [OverrideReason], {
      error: "Kies een reden uit de lijst.",
    }),
    note: f.note,
  })
  .refine((v) => v.reason !== "anders" || v.note, {
    path: ["note"],
    message: "Notitie: licht bij 'Anders' kort toe waarom, zonder persoonsgegevens.",
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
  const parsed = parseInput(overridePriorityInput, input, ctx);
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
        overrideNote: v.note ?? null,
        overrideById: person.id,
        overrideAt: ctx.now(),
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
      notitie: v.note !== undefined,
    });
    return { zaaknummer: v.zaaknummer, computed: triage.priorityClass, priorityClass: v.priorityClass };
  });
}

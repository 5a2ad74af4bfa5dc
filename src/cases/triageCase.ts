import { eq } from "drizzle-orm";
import { z } from "zod";
import { cases, deadlines, triages } from "../../db/schema.ts";
import { checkDirectUnsafety, isBijlage1Criterion } from "../domain/bijlage1.ts";
import type { Deadline } from "../domain/deadlines.ts";
import { computePriority, type PriorityResult } from "../domain/priority.ts";
import { adviseRouting } from "../domain/routing.ts";
import { isSustainingFactor, isUnderlyingProblem } from "../domain/triageOptions.ts";
import type { IsoDate, Phase } from "../domain/types.ts";
import { audit } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { refreshDeadlines } from "./deadlineStore.ts";
import * as f from "./fields.ts";
import { canTriage, require } from "./permissions.ts";
import { insertCase, registerCaseInput } from "./registerCase.ts";
import type { Result } from "./result.ts";
import { FieldErrors, fieldError, findCase, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export const triageInput = z
  .object({
    /** An existing case… */
    zaaknummer: f.zaaknummer.optional(),
    /** …or a new one, registered in the same transaction. */
    newCase: registerCaseInput.optional(),
    criteria: z
      .array(z.string())
      .default([])
      .refine((ids) => ids.every(isBijlage1Criterion), "Onbekend criterium voor directe kind-onveiligheid."),
    // Required on the form, so here too (a platform's own check can be bypassed): a risk, or null
    // for "geen ARIJ / onbekend", chosen — never left out.
    arijRisk: f.riskLevel.nullable(),
    arijDate: f.optionalIsoDate,
    problems: z
      .array(z.string())
      .default([])
      .refine((ids) => ids.every(isUnderlyingProblem), "Kies de problematiek uit de lijst."),
    sustainingFactors: z
      .array(z.string())
      .default([])
      .refine((ids) => ids.every(isSustainingFactor), "Kies de in stand houdende factoren uit de lijst."),
    birthYears: f.birthYears.optional(),
    helpInPlace: z.boolean({ error: "Geef aan of er al hulp is." }),
    regularTeamHasRoom: z.boolean({ error: "Geef aan of een regulier team ruimte heeft." }),
  })
  // The ARIJ date is optional, as the form says: a known risk with an unknown date still counts.
  .refine((v) => Boolean(v.zaaknummer) !== Boolean(v.newCase), {
    message: "Kies een bestaande zaak of registreer een nieuwe.",
    path: ["zaaknummer"],
  });
export type TriageInput = z.input<typeof triageInput>;

export interface TriageOutcome {
  zaaknummer: string;
  /** The phase after triage: the next steps on offer must be possible from it. */
  phase: Phase;
  directUnsafe: boolean;
  criteria: { id: string; label: string; groupLabel: string }[];
  routing: ReturnType<typeof adviseRouting>;
  priority: PriorityResult;
  /** The case's open deadlines after triage (intake deadlines while in CCP). */
  deadlines: Deadline[];
}

export async function triageCase(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<TriageOutcome>> {
  const parsed = parseInput(triageInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    require(canTriage(
      person,
    ), "Alleen CCP-medewerkers, praktijkbegeleiders en gedragswetenschappers triëren.");
    const today = ctx.today();
    const errors = new FieldErrors();
    if (v.arijDate && v.arijDate > today) errors.add("arijDate", "De datum van de ARIJ ligt in de toekomst.");
    const zaaknummer = v.newCase
      ? (await insertCase(tx, ctx, actor, v.newCase, errors)).zaaknummer
      : (v.zaaknummer as string);
    errors.check();
    const row = await findCase(tx, zaaknummer, true);
    if (row.phase === "afgesloten") fieldError("zaaknummer", `Zaak ${zaaknummer} is afgesloten.`);

    const birthYears = v.birthYears ?? row.birthYears;
    const unsafety = checkDirectUnsafety(v.criteria);
    const routing = adviseRouting({
      directUnsafe: unsafety.directUnsafe,
      regularTeamHasRoom: v.regularTeamHasRoom,
    });
    const priority = computePriority(
      {
        directUnsafe: unsafety.directUnsafe,
        unsafeCriteria: v.criteria,
        arijRisk: v.arijRisk,
        problems: v.problems,
        sustainingFactors: v.sustainingFactors,
        birthYears,
        helpInPlace: v.helpInPlace,
        waitingSince: row.receivedOn,
        today,
      },
      ctx.policy.priority,
    );

    await tx.insert(triages).values({
      caseId: row.id,
      answers: {
        criteria: v.criteria,
        arijRisk: v.arijRisk,
        arijDate: v.arijDate ?? null,
        problems: v.problems,
        sustainingFactors: v.sustainingFactors,
        birthYears,
        helpInPlace: v.helpInPlace,
        regularTeamHasRoom: v.regularTeamHasRoom,
      },
      directUnsafe: unsafety.directUnsafe,
      criteria: v.criteria,
      routing: routing.advice,
      priorityClass: priority.priorityClass,
      priorityScore: priority.score,
      explanation: priority.factors,
      byId: actor.personId,
      triagedOn: today,
    });
    // Triage ends phase "aangemeld": the CCP does the first actions until the case is handed over.
    const phaseChange = row.phase === "aangemeld" ? { phase: "ccp" as const, phaseSince: today } : {};
    await tx
      .update(cases)
      .set({
        ...phaseChange,
        birthYears,
        directUnsafe: unsafety.directUnsafe,
        priorityClass: priority.priorityClass,
        priorityScore: priority.score,
        updatedAt: new Date(),
      })
      .where(eq(cases.id, row.id));
    await refreshDeadlines(tx, ctx, [row.id]);
    await audit(tx, actor, "zaak_getrieerd", row.id, {
      zaaknummer,
      klasse: priority.priorityClass,
      directeOnveiligheid: unsafety.directUnsafe,
    });
    const open = await tx.select().from(deadlines).where(eq(deadlines.caseId, row.id));
    return {
      zaaknummer,
      phase: phaseChange.phase ?? row.phase,
      directUnsafe: unsafety.directUnsafe,
      criteria: unsafety.criteria.map(({ id, label, groupLabel }) => ({ id, label, groupLabel })),
      routing,
      priority,
      deadlines: open
        .map((d) => ({ kind: d.kind, due: d.due as IsoDate, basis: d.basis }))
        .sort((a, b) => a.due.localeCompare(b.due)),
    };
  });
}

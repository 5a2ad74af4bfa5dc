import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import { cases, teams } from "../../db/schema.ts";
import { measureEndProblem } from "../domain/measures.ts";
import { audit } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { refreshDeadlines } from "./deadlineStore.ts";
import * as f from "./fields.ts";
import { canRegister, require } from "./permissions.ts";
import type { Result } from "./result.ts";
import { FieldErrors, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export const registerCaseInput = z.object({
  zaaknummer: f.zaaknummer,
  measure: f.measure,
  receivedOn: f.isoDate,
  rulingOn: f.optionalIsoDate,
  endDate: f.optionalIsoDate,
  team: f.teamCode,
  birthYears: f.birthYears.default([]),
});
export type RegisterCaseInput = z.input<typeof registerCaseInput>;

export interface RegisteredCase {
  caseId: number;
  zaaknummer: string;
}

export async function registerCase(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<RegisteredCase>> {
  const parsed = parseInput(registerCaseInput, input, ctx);
  if (!parsed.ok) return parsed;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    require(canRegister(
      person,
    ), "Alleen CCP-medewerkers, praktijkbegeleiders en beheerders registreren zaken.");
    return insertCase(tx, ctx, actor, parsed.value);
  });
}

/**
 * The writing half of registration, shared with triage of a new case (one transaction). Every
 * problem with the input is reported at once, together with those `errors` already holds.
 */
export async function insertCase(
  tx: Tx,
  ctx: CaseContext,
  actor: Actor,
  input: z.infer<typeof registerCaseInput>,
  errors: FieldErrors = new FieldErrors(),
): Promise<RegisteredCase> {
  const today = ctx.today();
  if (input.receivedOn > today) errors.add("receivedOn", "De ontvangstdatum ligt in de toekomst.");
  if (input.rulingOn && input.rulingOn > today)
    errors.add("rulingOn", "De datum van de uitspraak ligt in de toekomst.");
  if (input.endDate && input.endDate <= input.receivedOn) {
    errors.add("endDate", "De einddatum moet na de ontvangstdatum liggen.");
  }
  const tooLong = measureEndProblem(
    input.measure,
    input.rulingOn ?? null,
    input.receivedOn,
    input.endDate ?? null,
  );
  if (tooLong) errors.add("endDate", tooLong);
  const thisYear = Number(today.slice(0, 4));
  const badYear = input.birthYears.find((y) => y < thisYear - 18 || y > thisYear);
  if (badYear !== undefined) {
    errors.add(
      "birthYears",
      `Geboortejaar ${badYear} past niet bij een minderjarige (${thisYear - 18}–${thisYear}).`,
    );
  }
  const [existing] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.zaaknummer, input.zaaknummer));
  if (existing) errors.add("zaaknummer", `Zaak ${input.zaaknummer} bestaat al.`);
  const [team] = await tx.select().from(teams).where(eq(teams.code, input.team));
  if (!team) errors.add("team", "Dit team bestaat niet; kies een team uit de lijst.");
  // Every way into the CRT goes through a handover with the entry rule of domain.md §8.
  if (team?.kind === "crt") {
    errors.add(
      "team",
      "Een nieuwe zaak komt binnen bij het CCP of een regulier team; naar het CRT gaat ze met een overdracht, na een kernbeslissing.",
    );
  }
  errors.check();
  if (!team) throw new Error("unreachable: checked above");
  const [row] = await tx
    .insert(cases)
    .values({
      zaaknummer: input.zaaknummer,
      measure: input.measure,
      receivedOn: input.receivedOn,
      rulingOn: input.rulingOn ?? null,
      endDate: input.endDate ?? null,
      phase: "aangemeld",
      phaseSince: input.receivedOn,
      teamId: team.id,
      birthYears: input.birthYears,
    })
    .returning({ id: cases.id });
  if (!row) throw new Error("insert returned no row");
  await refreshDeadlines(tx, ctx, [row.id]);
  await audit(tx, actor, "zaak_geregistreerd", row.id, { zaaknummer: input.zaaknummer, team: team.code });
  return { caseId: row.id, zaaknummer: input.zaaknummer };
}

import { showCase } from "../../cases/caseCard.ts";
import type { ActingPerson, CaseContext } from "../../cases/context.ts";
import type { FoundCase } from "../../ui/searchView.ts";

/** A case by its zaaknummer for the search extension, as the person may see it (the read is audited). */
export async function findCaseByNumber(
  ctx: CaseContext,
  person: ActingPerson,
  zaaknummer: string,
  door: "teams" | "console" = "teams",
): Promise<{ ok: true; value: FoundCase } | { ok: false; message: string }> {
  if (!zaaknummer) return { ok: false, message: "Typ een zaaknummer, bijvoorbeeld 2026-0012." };
  const result = await showCase(ctx, { personId: person.id, via: door }, { zaaknummer });
  if (!result.ok) return { ok: false, message: result.error.message };
  const c = result.value;
  return { ok: true, value: { zaaknummer: c.zaaknummer, measure: c.measure, teamName: c.team.name } };
}

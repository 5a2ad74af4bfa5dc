import { z } from "zod";
import { contacts } from "../../db/schema.ts";
import { type CaseUpdate, checkEventDate, workOnCase } from "./caseWork.ts";
import type { Actor, CaseContext } from "./context.ts";
import * as f from "./fields.ts";
import { canWorkOnCase } from "./permissions.ts";
import type { Result } from "./result.ts";
import { parseInput } from "./validate.ts";

export const recordContactInput = z.object({
  zaaknummer: f.zaaknummer,
  date: f.isoDate,
  kind: f.contactKind,
  newConcerns: z.boolean({ error: "Geef aan of er nieuwe zorgen zijn." }),
});

/** New concerns make an ARIJ due at once (domain.md §5). */
export async function recordContact(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(recordContactInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: canWorkOnCase,
    forbidden: "Contacten registreren kan de eigenaar, diens team of het CRT.",
    action: "contact_geregistreerd",
    write: async (tx, row) => {
      checkEventDate("date", v.date, row, ctx.today());
      const [rec] = await tx
        .insert(contacts)
        .values({
          caseId: row.id,
          date: v.date,
          kind: v.kind,
          newConcerns: v.newConcerns,
          byId: actor.personId,
        })
        .returning({ id: contacts.id });
      return { datum: v.date, soort: v.kind, nieuweZorgen: v.newConcerns, recordId: rec?.id };
    },
  });
}

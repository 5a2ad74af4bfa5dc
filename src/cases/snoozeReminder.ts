import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { deadlines, reminderSnoozes } from "../../db/schema.ts";
import { audit } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { queueNotice } from "./notices.ts";
import { canWorkOnCase, require } from "./permissions.ts";
import { praktijkbegeleiderOf } from "./recipients.ts";
import type { Result } from "./result.ts";
import { fieldError, findCase, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export const SNOOZE_REASONS = {
  afspraak_gepland: "Afspraak staat gepland",
  client_niet_bereikbaar: "Cliënt niet bereikbaar",
  wacht_op_informatie: "Wacht op informatie van een ketenpartner",
  afwezig: "Afwezig (ziekte of verlof)",
} as const;

export const snoozeInput = z.object({
  zaaknummer: f.zaaknummer,
  kind: z.string(),
  due: f.isoDate,
  stage: z.enum(["vooraf", "vandaag", "te_laat"], { error: "Deze herinnering kun je niet uitstellen." }),
  workdays: f.whole(
    z
      .number({ error: "Kies hoe lang." })
      .int()
      .min(1, "Minimaal 1 werkdag.")
      .max(10, "Hoogstens 10 werkdagen."),
  ),
  reason: z.enum(Object.keys(SNOOZE_REASONS) as [keyof typeof SNOOZE_REASONS], { error: "Kies een reden." }),
});

export interface Snoozed {
  zaaknummer: string;
  until: string;
}

/**
 * "Uitstellen": the owner's next reminders for this deadline wait a few working days. Once per
 * stage; the team's PB is told, so a postponement is never silent.
 */
export async function snoozeReminder(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<Snoozed>> {
  const parsed = parseInput(snoozeInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const row = await findCase(tx, v.zaaknummer, true);
    require(canWorkOnCase(person, {
      teamId: row.teamId,
      ownerId: row.ownerId,
    }), "Je kunt herinneringen van deze zaak niet uitstellen.");
    const [open] = await tx
      .select()
      .from(deadlines)
      .where(
        and(eq(deadlines.caseId, row.id), eq(deadlines.kind, v.kind as never), eq(deadlines.due, v.due)),
      );
    if (!open) fieldError("reason", "Deze termijn staat niet meer open; er valt niets uit te stellen.");
    const [already] = await tx
      .select({ id: reminderSnoozes.id })
      .from(reminderSnoozes)
      .where(
        and(
          eq(reminderSnoozes.caseId, row.id),
          eq(reminderSnoozes.kind, open.kind),
          eq(reminderSnoozes.due, v.due),
          eq(reminderSnoozes.stage, v.stage),
        ),
      );
    if (already) fieldError("reason", "Deze herinnering is al eens uitgesteld.");
    const until = ctx.calendar.addWorkdays(ctx.today(), v.workdays);
    await tx.insert(reminderSnoozes).values({
      caseId: row.id,
      kind: open.kind,
      due: v.due,
      stage: v.stage,
      until,
      reason: v.reason,
      byId: person.id,
    });
    const pb = await praktijkbegeleiderOf(tx, row.teamId);
    if (pb && pb.id !== person.id) {
      await queueNotice(tx, `snooze:${row.zaaknummer}:${open.kind}:${v.due}:${v.stage}`, pb.id, row.id, {
        type: "reminder_snoozed",
        zaaknummer: row.zaaknummer,
        kind: open.kind,
        due: v.due,
        until,
        by: person.name,
        reason: v.reason,
      });
    }
    await audit(tx, actor, "herinnering_uitgesteld", row.id, {
      zaaknummer: row.zaaknummer,
      termijn: open.kind,
      due: v.due,
      stage: v.stage,
      tot: until,
      reden: v.reason,
    });
    return { zaaknummer: row.zaaknummer, until };
  });
}

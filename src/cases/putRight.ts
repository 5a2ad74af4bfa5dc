import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import {
  arijAssessments,
  cases,
  contacts,
  deadlines,
  handovers,
  kernbeslissingen,
  teams,
  triages,
} from "../../db/schema.ts";
import { audit } from "./audit.ts";
import { type CaseUpdate, workOnCase } from "./caseWork.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { refreshDeadlines } from "./deadlineStore.ts";
import * as f from "./fields.ts";
import { queueNotice } from "./notices.ts";
import { canOverridePriority, canRecordKernbeslissing, canWorkOnCase, require } from "./permissions.ts";
import { refreshPriorities } from "./priorityStore.ts";
import { praktijkbegeleiderOf } from "./recipients.ts";
import { CaseFailure, type Result } from "./result.ts";
import { fieldError, findCase, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

// Putting things right (issue 11 item 6): every step has a reason from a list, an audit row and
// recomputed deadlines. Nothing is deleted: a voided record stays, marked, and stops counting.

export const VOID_REASONS = {
  verkeerde_zaak: "Geregistreerd bij de verkeerde zaak",
  verkeerde_datum: "Verkeerde datum of soort",
  dubbel: "Dubbel geregistreerd",
  vergissing: "Vergissing",
} as const;

export const RECORD_KINDS = ["contact", "arij", "kernbeslissing"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const reasonOf = <T extends Record<string, string>>(reasons: T, message: string) =>
  z.enum(Object.keys(reasons) as [keyof T & string, ...(keyof T & string)[]], { error: message });

export const voidRecordInput = z.object({
  zaaknummer: f.zaaknummer,
  record: z.enum(RECORD_KINDS, { error: "Kies wat je ongedaan maakt." }),
  id: f.whole(z.number({ error: "Kies de registratie." }).int("Kies de registratie.")),
  reason: reasonOf(VOID_REASONS, "Kies een reden uit de lijst."),
});

const TABLES = { contact: contacts, arij: arijAssessments, kernbeslissing: kernbeslissingen } as const;

/** Voids one recorded contact, ARIJ or kernbeslissing; the row stays, marked, and no longer counts. */
export async function voidRecord(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(voidRecordInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: v.record === "kernbeslissing" ? canRecordKernbeslissing : canWorkOnCase,
    forbidden: "Corrigeren kan wie op deze zaak mag registreren: de eigenaar, diens team of het CRT.",
    action: `${v.record}_vervallen`,
    write: async (tx, row, person) => {
      const table = TABLES[v.record];
      const [rec] = await tx
        .select({ id: table.id, date: table.date, voidedAt: table.voidedAt })
        .from(table)
        .where(and(eq(table.id, v.id), eq(table.caseId, row.id)));
      if (!rec) fieldError("id", "Deze registratie hoort niet bij deze zaak.");
      if (rec.voidedAt) fieldError("id", "Deze registratie is al vervallen.");
      await tx
        .update(table)
        .set({ voidedAt: ctx.now(), voidedById: person.id, voidReason: v.reason })
        .where(eq(table.id, rec.id));
      if (v.record === "kernbeslissing") await restoreKernbeslissing(tx, row.id);
      if (v.record === "arij") await refreshPriorities(tx, ctx, [row.id]);
      return { registratie: v.record, id: rec.id, datum: rec.date, reden: v.reason };
    },
  });
}

/** The case's frequency and planned kernbesluit come from its latest kernbeslissing still standing. */
async function restoreKernbeslissing(tx: Tx, caseId: number) {
  const [kb] = await tx
    .select()
    .from(kernbeslissingen)
    .where(and(eq(kernbeslissingen.caseId, caseId), isNull(kernbeslissingen.voidedAt)))
    .orderBy(desc(kernbeslissingen.date), desc(kernbeslissingen.id))
    .limit(1);
  await tx
    .update(cases)
    .set({
      contactFrequencyWeeks: kb?.contactFrequencyWeeks ?? null,
      plannedKernbesluit: kb?.plannedNext ?? null,
      updatedAt: new Date(),
    })
    .where(eq(cases.id, caseId));
}

export const WITHDRAW_REASONS = {
  vergissing: "Aangevraagd bij vergissing",
  situatie_veranderd: "De situatie is veranderd",
  andere_route: "Een andere route past beter",
} as const;

export const withdrawHandoverInput = z.object({
  handoverId: f.whole(
    z.number({ error: "Deze overdracht bestaat niet." }).int("Deze overdracht bestaat niet."),
  ),
  reason: reasonOf(WITHDRAW_REASONS, "Kies een reden uit de lijst."),
});

/** The requester withdraws an open handover request; the receiving PB is told. */
export async function withdrawHandover(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<{ zaaknummer: string }>> {
  const parsed = parseInput(withdrawHandoverInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const [h] = await tx.select().from(handovers).where(eq(handovers.id, v.handoverId)).for("update");
    if (!h) throw new CaseFailure({ code: "not_found", message: "Deze overdracht bestaat niet." });
    const [row] = await tx.select().from(cases).where(eq(cases.id, h.caseId));
    if (!row) throw new Error("handover without case");
    require(h.requestedById === person.id, "Alleen wie de overdracht aanvroeg, kan haar intrekken.");
    if (h.status !== "aangevraagd") {
      throw new CaseFailure({
        code: "conflict",
        message: `De overdracht van zaak ${row.zaaknummer} is al ${h.status}; intrekken kan niet meer.`,
      });
    }
    await tx
      .update(handovers)
      .set({ status: "ingetrokken", decidedById: person.id, decidedAt: ctx.now(), decisionReason: v.reason })
      .where(eq(handovers.id, h.id));
    const pb = await praktijkbegeleiderOf(tx, h.toTeamId);
    if (pb) {
      await queueNotice(tx, `handover:${h.id}:withdrawn`, pb.id, row.id, {
        type: "handover_withdrawn",
        zaaknummer: row.zaaknummer,
        by: person.name,
        reason: v.reason,
      });
    }
    await audit(tx, actor, "overdracht_ingetrokken", row.id, {
      zaaknummer: row.zaaknummer,
      overdracht: h.id,
      reden: v.reason,
    });
    return { zaaknummer: row.zaaknummer };
  });
}

/** A PB removes a priority override: the computed class counts again. */
export async function removeOverride(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(z.object({ zaaknummer: f.zaaknummer }), input, ctx);
  if (!parsed.ok) return parsed;
  return workOnCase(ctx, actor, {
    zaaknummer: parsed.value.zaaknummer,
    allowed: (p) => canOverridePriority(p),
    forbidden: "Alleen een praktijkbegeleider kan een aangepaste prioriteit intrekken.",
    action: "prioriteit_aanpassing_ingetrokken",
    write: async (tx, row) => {
      const [t] = await tx
        .select()
        .from(triages)
        .where(eq(triages.caseId, row.id))
        .orderBy(desc(triages.createdAt), desc(triages.id))
        .limit(1);
      if (!t?.overrideClass)
        fieldError("zaaknummer", `Zaak ${row.zaaknummer} heeft geen aangepaste prioriteit.`);
      await tx
        .update(triages)
        .set({ overrideClass: null, overrideReason: null, overrideById: null, overrideAt: null })
        .where(eq(triages.id, t.id));
      await refreshPriorities(tx, ctx, [row.id]);
      return { was: t.overrideClass };
    },
  });
}

export const CLOSE_REASONS = {
  maatregel_beeindigd: "Maatregel beëindigd",
  overgedragen_andere_gi: "Overgedragen aan een andere GI",
  meerderjarig: "Jongere is meerderjarig",
  verhuisd_buiten_regio: "Verhuisd buiten de regio",
  vergissing: "Geregistreerd bij vergissing",
} as const;

export const REOPEN_REASONS = {
  ten_onrechte_afgesloten: "Ten onrechte afgesloten",
  maatregel_verlengd: "Maatregel verlengd of opnieuw uitgesproken",
  terug_van_andere_gi: "Terug van een andere GI",
} as const;

export const closeCaseInput = z.object({
  zaaknummer: f.zaaknummer,
  reason: reasonOf(CLOSE_REASONS, "Kies een reden uit de lijst."),
});
export const reopenCaseInput = z.object({
  zaaknummer: f.zaaknummer,
  reason: reasonOf(REOPEN_REASONS, "Kies een reden uit de lijst."),
});

const mayClose = (p: { role: string; teamId: number }, teamId: number) =>
  (p.role === "praktijkbegeleider" && p.teamId === teamId) || p.role === "beheerder";

/** Closes a case (`afsluiten`): it leaves every list and has no deadlines; the reason is kept. */
export async function closeCase(ctx: CaseContext, actor: Actor, input: unknown): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(closeCaseInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return workOnCase(ctx, actor, {
    zaaknummer: v.zaaknummer,
    allowed: (p, scope) => mayClose(p, scope.teamId),
    forbidden: "Een zaak sluit de praktijkbegeleider van het team van de zaak af.",
    action: "zaak_afgesloten",
    write: async (tx, row) => {
      const [open] = await tx
        .select({ id: handovers.id })
        .from(handovers)
        .where(and(eq(handovers.caseId, row.id), eq(handovers.status, "aangevraagd")));
      if (open)
        fieldError(
          "zaaknummer",
          `Voor zaak ${row.zaaknummer} loopt nog een overdracht; handel die eerst af.`,
        );
      await tx
        .update(cases)
        .set({ phase: "afgesloten", phaseSince: ctx.today(), closedReason: v.reason, updatedAt: new Date() })
        .where(eq(cases.id, row.id));
      return { reden: v.reason, vorigeFase: row.phase };
    },
  });
}

/** Reopens a closed case in the phase that fits its team; its deadlines come back. */
export async function reopenCase(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<CaseUpdate>> {
  const parsed = parseInput(reopenCaseInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const row = await findCase(tx, v.zaaknummer, true);
    require(mayClose(
      person,
      row.teamId,
    ), "Een zaak heropent de praktijkbegeleider van het team van de zaak.");
    if (row.phase !== "afgesloten") fieldError("zaaknummer", `Zaak ${row.zaaknummer} is niet afgesloten.`);
    const [team] = await tx.select().from(teams).where(eq(teams.id, row.teamId));
    const phase = team?.kind === "crt" ? "crt" : team?.kind === "ccp" ? "ccp" : "regulier";
    await tx
      .update(cases)
      .set({ phase, phaseSince: ctx.today(), closedReason: null, updatedAt: new Date() })
      .where(eq(cases.id, row.id));
    await refreshDeadlines(tx, ctx, [row.id]);
    await audit(tx, actor, "zaak_heropend", row.id, {
      zaaknummer: row.zaaknummer,
      reden: v.reason,
      fase: phase,
    });
    const open = await tx.select().from(deadlines).where(eq(deadlines.caseId, row.id));
    return {
      zaaknummer: row.zaaknummer,
      deadlines: open
        .map((d) => ({ kind: d.kind, due: d.due, basis: d.basis }))
        .sort((a, b) => a.due.localeCompare(b.due)),
    };
  });
}

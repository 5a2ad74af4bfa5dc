import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import {
  arijAssessments,
  handovers,
  kernbeslissingen,
  notifications,
  people,
  teams,
} from "../../db/schema.ts";
import {
  crtEntryProblem,
  HANDOVER_CHECKS,
  HANDOVER_KINDS,
  HANDOVER_REASONS,
  HANDOVER_RULES,
  type HandoverKind,
} from "../domain/handover.ts";
import { audit } from "./audit.ts";
import type { ActingPerson, Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { require } from "./permissions.ts";
import { praktijkbegeleiderOf } from "./recipients.ts";
import type { Result } from "./result.ts";
import { fieldError, findCase, findTeam, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export const requestHandoverInput = z.object({
  zaaknummer: f.zaaknummer,
  kind: z.enum(HANDOVER_KINDS, { error: "Kies het soort overdracht." }),
  toTeam: f.teamCode,
  toPerson: z.string().trim().optional(),
  reason: z.string({ error: "Kies een reden." }).min(1, "Kies een reden."),
  warm: z.enum(["gepland", "gedaan", "niet_nodig"], { error: "Geef aan of er een warme overdracht is." }),
  warmOn: f.optionalIsoDate,
  checks: z.array(z.string()).default([]),
});

export interface HandoverRequested {
  handoverId: number;
  zaaknummer: string;
  toTeam: string;
}

/** The PB of the sending team may request; for a CCP case also CCP staff (domain.md §8). */
export function mayRequest(person: ActingPerson, caseTeamId: number): boolean {
  if (person.teamId !== caseTeamId) return false;
  return person.role === "praktijkbegeleider" || (person.teamKind === "ccp" && person.role === "ccp");
}

export async function requestHandover(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<HandoverRequested>> {
  const parsed = parseInput(requestHandoverInput, input, ctx.policy);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const kind: HandoverKind = v.kind;
  const rule = HANDOVER_RULES[kind];
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const row = await findCase(tx, v.zaaknummer, true);
    const [fromTeam] = await tx.select().from(teams).where(eq(teams.id, row.teamId));
    require(mayRequest(
      person,
      row.teamId,
    ), "Een overdracht vraagt de praktijkbegeleider van het team van de zaak aan (bij het CCP ook een CCP-medewerker).");
    if (row.phase === "afgesloten") fieldError("zaaknummer", `Zaak ${row.zaaknummer} is afgesloten.`);
    if (rule.fromPhase && row.phase !== rule.fromPhase) {
      fieldError(
        "kind",
        `Deze overdracht kan alleen vanuit fase ${rule.fromPhase}; zaak ${row.zaaknummer} is in fase ${row.phase}.`,
      );
    }
    const [open] = await tx
      .select({ id: handovers.id })
      .from(handovers)
      .where(and(eq(handovers.caseId, row.id), eq(handovers.status, "aangevraagd")));
    if (open)
      fieldError(
        "kind",
        `Voor zaak ${row.zaaknummer} loopt al een overdracht; die moet eerst afgehandeld zijn.`,
      );

    const toTeam = await findTeam(tx, v.toTeam, "toTeam");
    if (rule.toTeamKind && toTeam.kind !== rule.toTeamKind) {
      fieldError("toTeam", `Kies een team van het soort ${rule.toTeamKind}.`);
    }
    if (kind !== "werker_werker" && toTeam.id === row.teamId)
      fieldError("toTeam", "Kies een ander team dan het huidige.");
    let toPersonId: number | null = null;
    if (v.toPerson) {
      const [p] = await tx.select().from(people).where(eq(people.code, v.toPerson));
      if (!p?.active || p.teamId !== toTeam.id)
        fieldError("toPerson", "Kies een medewerker van het ontvangende team.");
      if (!["jeugdbeschermer", "assistent_jeugdbeschermer", "ccp"].includes(p.role)) {
        fieldError("toPerson", `${p.name} heeft geen caseload (rol ${p.role}).`);
      }
      if (p.id === row.ownerId) fieldError("toPerson", `${p.name} is al eigenaar van deze zaak.`);
      toPersonId = p.id;
    } else if (kind === "werker_werker") {
      fieldError("toPerson", "Kies de jeugdbeschermer die de zaak overneemt.");
    }
    if (!(v.reason in HANDOVER_REASONS[kind])) fieldError("reason", "Kies een reden uit de lijst.");
    if (v.warm !== "niet_nodig" && !v.warmOn)
      fieldError("warmOn", "Vul de datum van de warme overdracht in.");
    if (v.warm === "gedaan" && v.warmOn && v.warmOn > ctx.today())
      fieldError("warmOn", "Een gedane warme overdracht ligt niet in de toekomst.");
    if (v.warm === "gepland" && v.warmOn && v.warmOn < ctx.today())
      fieldError("warmOn", "Een geplande warme overdracht ligt niet in het verleden.");
    const missing = Object.keys(HANDOVER_CHECKS).filter((c) => !v.checks.includes(c));
    if (missing.length > 0) {
      fieldError("checks", "Bevestig dat alles wat een overdracht nodig heeft in het zaaksysteem staat.");
    }
    if (kind === "regulier_crt") {
      const [kb] = await tx
        .select({ date: kernbeslissingen.date })
        .from(kernbeslissingen)
        .where(eq(kernbeslissingen.caseId, row.id))
        .orderBy(desc(kernbeslissingen.date), desc(kernbeslissingen.id))
        .limit(1);
      const arij = await tx
        .select({ date: arijAssessments.date })
        .from(arijAssessments)
        .where(eq(arijAssessments.caseId, row.id));
      const problem = crtEntryProblem(
        kb ?? null,
        arij.map((a) => a.date),
        ctx.policy.deadlines.arijMaxWeeksBeforeKernbesluit,
      );
      if (problem) fieldError("kind", problem);
    }
    const receivingPb = await praktijkbegeleiderOf(tx, toTeam.id);
    if (!receivingPb)
      fieldError(
        "toTeam",
        `Team ${toTeam.name} heeft geen praktijkbegeleider die de overdracht kan accepteren.`,
      );

    const [handover] = await tx
      .insert(handovers)
      .values({
        caseId: row.id,
        kind,
        fromTeamId: row.teamId,
        toTeamId: toTeam.id,
        toPersonId,
        reason: v.reason,
        warm: v.warm,
        warmOn: v.warmOn ?? null,
        checks: Object.fromEntries(v.checks.map((c) => [c, true])),
        requestedById: person.id,
      })
      .returning({ id: handovers.id });
    if (!handover) throw new Error("insert returned no row");
    await tx.insert(notifications).values({
      key: `handover:${handover.id}:request`,
      kind: "handover",
      recipientId: receivingPb.id,
      caseId: row.id,
      payload: {
        type: "handover_request",
        handoverId: handover.id,
        zaaknummer: row.zaaknummer,
        kind,
        from: fromTeam?.name ?? "",
        to: toTeam.name,
        reason: v.reason,
        requestedBy: person.name,
        warm: v.warm,
        warmOn: v.warmOn ?? null,
      },
    });
    await audit(tx, actor, "overdracht_aangevraagd", row.id, {
      zaaknummer: row.zaaknummer,
      overdracht: handover.id,
      soort: kind,
      naar: toTeam.code,
      reden: v.reason,
    });
    return { handoverId: handover.id, zaaknummer: row.zaaknummer, toTeam: toTeam.code };
  });
}

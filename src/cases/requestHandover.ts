import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import {
  arijAssessments,
  handovers,
  kernbeslissingen,
  notifications,
  people,
  teams,
} from "../../db/schema.ts";
import { carriesCases } from "../domain/capacity.ts";
import {
  crtEntryProblem,
  HANDOVER_CHECKS,
  HANDOVER_KINDS,
  HANDOVER_REASONS,
  type HandoverKind,
  handoverRoute,
} from "../domain/handover.ts";
import type { Role } from "../domain/types.ts";
import { audit } from "./audit.ts";
import type { ActingPerson, Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { queueNotice } from "./notices.ts";
import type { HandoverRequestPayload } from "./payloads.ts";
import { require } from "./permissions.ts";
import { ccpCoordinators, praktijkbegeleiderOf } from "./recipients.ts";
import type { Result } from "./result.ts";
import { FieldErrors, fieldError, findCase, findTeam, inTransaction } from "./run.ts";
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

/** Roles in words for refusals (the use case may not reach into the interface's labels). */
export const ROLE_WORD: Record<Role, string> = {
  jeugdbeschermer: "jeugdbeschermer",
  assistent_jeugdbeschermer: "assistent-jeugdbeschermer",
  praktijkbegeleider: "praktijkbegeleider",
  gedragswetenschapper: "gedragswetenschapper",
  ccp: "CCP-medewerker",
  teammanager: "teammanager",
  beheerder: "functioneel beheerder",
};

export interface HandoverRequested {
  handoverId: number;
  zaaknummer: string;
  toTeam: string;
  toTeamName: string;
}

/** The CCP: its intake coordinators and its PB. It coordinates routes between teams (domain.md §8). */
export const isCcp = (person: ActingPerson) =>
  person.teamKind === "ccp" && (person.role === "ccp" || person.role === "praktijkbegeleider");

/**
 * Who may open the handover form for a case: the PB of the case's team, CCP staff for a CCP case,
 * and the CCP for a worker → worker handover of any case.
 */
export function mayRequest(person: ActingPerson, caseTeamId: number): boolean {
  if (isCcp(person)) return true;
  return person.teamId === caseTeamId && person.role === "praktijkbegeleider";
}

/** The same, for one kind and receiving team: moving a worker's case to another team is the CCP's call. */
function mayRequestKind(person: ActingPerson, caseTeamId: number, kind: HandoverKind, toTeamId: number) {
  if (kind === "werker_werker" && toTeamId !== caseTeamId) return isCcp(person);
  if (person.teamId === caseTeamId) return person.role === "praktijkbegeleider" || isCcp(person);
  return kind === "werker_werker" && isCcp(person);
}

const FORBIDDEN =
  "Een overdracht vraagt de praktijkbegeleider van het team van de zaak aan (bij het CCP ook een CCP-medewerker). Jeugdbeschermer → jeugdbeschermer naar een ander team beslist het CCP met een gedragswetenschapper.";

export async function requestHandover(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<HandoverRequested>> {
  const parsed = parseInput(requestHandoverInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const kind: HandoverKind = v.kind;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const row = await findCase(tx, v.zaaknummer, true);
    const [fromTeam] = await tx.select().from(teams).where(eq(teams.id, row.teamId));
    const toTeam = await findTeam(tx, v.toTeam, "toTeam");
    require(mayRequestKind(person, row.teamId, kind, toTeam.id), FORBIDDEN);
    if (row.phase === "afgesloten") fieldError("zaaknummer", `Zaak ${row.zaaknummer} is afgesloten.`);
    const errors = new FieldErrors();
    const routed = handoverRoute(kind, row.zaaknummer, row.phase, toTeam.kind);
    if (!routed.ok) errors.add(routed.field, routed.message);
    const [open] = await tx
      .select({ id: handovers.id })
      .from(handovers)
      .where(and(eq(handovers.caseId, row.id), eq(handovers.status, "aangevraagd")));
    if (open)
      errors.add(
        "kind",
        `Voor zaak ${row.zaaknummer} loopt al een overdracht; die moet eerst afgehandeld zijn.`,
      );

    if (kind !== "werker_werker" && toTeam.id === row.teamId)
      errors.add("toTeam", "Kies een ander team dan het huidige.");
    let toPersonId: number | null = null;
    if (v.toPerson) {
      const [p] = await tx.select().from(people).where(eq(people.code, v.toPerson));
      if (!p?.active || p.teamId !== toTeam.id) {
        errors.add("toPerson", "Kies een medewerker van het ontvangende team.");
      } else if (!carriesCases(p.role, toTeam.kind)) {
        errors.add("toPerson", `${p.name} heeft geen caseload (${ROLE_WORD[p.role]}).`);
      } else if (p.id === row.ownerId) {
        errors.add("toPerson", `${p.name} is al eigenaar van deze zaak.`);
      } else {
        toPersonId = p.id;
      }
    } else if (kind === "werker_werker" && toTeam.kind !== "crt") {
      errors.add("toPerson", "Kies de jeugdbeschermer die de zaak overneemt.");
    }
    if (!(v.reason in HANDOVER_REASONS[kind]))
      errors.add("reason", "Kies een reden die bij deze soort overdracht past.");
    if (v.warm !== "niet_nodig" && !v.warmOn)
      errors.add("warmOn", "Vul de datum van de warme overdracht in.");
    if (v.warm === "gedaan" && v.warmOn && v.warmOn > ctx.today())
      errors.add("warmOn", "Een gedane warme overdracht ligt niet in de toekomst.");
    if (v.warm === "gepland" && v.warmOn && v.warmOn < ctx.today())
      errors.add("warmOn", "Een geplande warme overdracht ligt niet in het verleden.");
    const missing = Object.keys(HANDOVER_CHECKS).filter((c) => !v.checks.includes(c));
    if (missing.length > 0) {
      errors.add("checks", "Bevestig dat alles wat een overdracht nodig heeft in het zaaksysteem staat.");
    }
    // Every way into the CRT: the kernbeslissing and a fresh ARIJ (domain.md §4, §8).
    if (routed.ok && routed.route.entersCrt) {
      const problem = await crtEntryProblemFor(tx, ctx, row.id);
      if (problem) errors.add("kind", problem);
    }
    const receivingPb = await praktijkbegeleiderOf(tx, toTeam.id);
    if (!receivingPb)
      errors.add(
        "toTeam",
        `Team ${toTeam.name} heeft geen praktijkbegeleider die de overdracht kan accepteren.`,
      );
    errors.check();
    if (!receivingPb) throw new Error("unreachable: checked above");

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
        requestedAt: ctx.now(),
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
      } satisfies HandoverRequestPayload,
    });
    if (kind === "crt_regulier") {
      for (const ccp of await ccpCoordinators(tx)) {
        await queueNotice(tx, `handover:${handover.id}:ccp:${ccp.id}:request`, ccp.id, row.id, {
          type: "terugstroom_ccp",
          zaaknummer: row.zaaknummer,
          stage: "aangevraagd",
          by: person.name,
          toTeam: toTeam.name,
          reason: v.reason,
          ownerName: null,
        });
      }
    }
    await audit(tx, actor, "overdracht_aangevraagd", row.id, {
      zaaknummer: row.zaaknummer,
      overdracht: handover.id,
      soort: kind,
      naar: toTeam.code,
      reden: v.reason,
    });
    return {
      handoverId: handover.id,
      zaaknummer: row.zaaknummer,
      toTeam: toTeam.code,
      toTeamName: toTeam.name,
    };
  });
}

type Tx = Parameters<Parameters<CaseContext["db"]["transaction"]>[0]>[0];

/** The CRT entry rule on the stored kernbeslissing and ARIJs of one case. */
export async function crtEntryProblemFor(tx: Tx, ctx: CaseContext, caseId: number): Promise<string | null> {
  const [kb] = await tx
    .select({ date: kernbeslissingen.date })
    .from(kernbeslissingen)
    .where(and(eq(kernbeslissingen.caseId, caseId), isNull(kernbeslissingen.voidedAt)))
    .orderBy(desc(kernbeslissingen.date), desc(kernbeslissingen.id))
    .limit(1);
  const arij = await tx
    .select({ date: arijAssessments.date })
    .from(arijAssessments)
    .where(and(eq(arijAssessments.caseId, caseId), isNull(arijAssessments.voidedAt)));
  return crtEntryProblem(
    kb ?? null,
    arij.map((a) => a.date),
    ctx.policy.deadlines.arijMaxWeeksBeforeKernbesluit,
    { today: ctx.today(), maxWeeks: ctx.policy.deadlines.kernbeslissingMaxWeeksForCrt },
  );
}

import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { cases, handovers, notifications, people, teams } from "../../db/schema.ts";
import { type HandoverKind, handoverRoute } from "../domain/handover.ts";
import { audit } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { regroupDayItems } from "./dayMessages.ts";
import { refreshDeadlines } from "./deadlineStore.ts";
import { queueNotice } from "./notices.ts";
import { require } from "./permissions.ts";
import { ccpCoordinators, praktijkbegeleiderOf } from "./recipients.ts";
import { ROLE_WORD } from "./requestHandover.ts";
import { CaseFailure, type Result } from "./result.ts";
import { fieldError, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export const REJECTION_REASONS = {
  geen_capaciteit: "Geen capaciteit in het ontvangende team",
  onvolledig: "De overdracht is niet volledig",
  andere_route: "Een andere route past beter",
} as const;

export const decideHandoverInput = z.discriminatedUnion("decision", [
  z.object({
    handoverId: z.number().int(),
    decision: z.literal("accept"),
    /** The new owner (vaste jeugdbeschermer), a person code of the receiving team. */
    owner: z.string().trim().optional(),
  }),
  z.object({
    handoverId: z.number().int(),
    decision: z.literal("reject"),
    reason: z.enum(Object.keys(REJECTION_REASONS) as [keyof typeof REJECTION_REASONS], {
      error: "Kies een reden voor de afwijzing.",
    }),
  }),
]);

export interface HandoverDecided {
  handoverId: number;
  zaaknummer: string;
  status: "geaccepteerd" | "afgewezen";
  /** Person code and name of the new owner, when there is one. */
  owner: string | null;
  ownerName: string | null;
}

/**
 * The receiving PB accepts or rejects. The handover row is locked first, so of two people pressing
 * Accepteren at once one decides and the other is told it was already handled.
 */
export async function decideHandover(
  ctx: CaseContext,
  actor: Actor,
  input: unknown,
): Promise<Result<HandoverDecided>> {
  const parsed = parseInput(decideHandoverInput, input, ctx);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const person = await loadActingPerson(tx, actor.personId);
    const [h] = await tx.select().from(handovers).where(eq(handovers.id, v.handoverId)).for("update");
    if (!h) throw new CaseFailure({ code: "not_found", message: "Deze overdracht bestaat niet." });
    const [row] = await tx.select().from(cases).where(eq(cases.id, h.caseId)).for("update");
    if (!row) throw new Error("handover without case");
    if (h.status !== "aangevraagd") {
      const [by] = h.decidedById
        ? await tx.select({ name: people.name }).from(people).where(eq(people.id, h.decidedById))
        : [];
      throw new CaseFailure({
        code: "conflict",
        message: `De overdracht van zaak ${row.zaaknummer} is al afgehandeld (${h.status}${by ? ` door ${by.name}` : ""}).`,
      });
    }
    require(person.role === "praktijkbegeleider" &&
      person.teamId ===
        h.toTeamId, "Alleen de praktijkbegeleider van het ontvangende team beslist over deze overdracht.");
    const now = ctx.now();
    const requester = h.requestedById;

    if (v.decision === "reject") {
      await tx
        .update(handovers)
        .set({ status: "afgewezen", decidedById: person.id, decidedAt: now, decisionReason: v.reason })
        .where(eq(handovers.id, h.id));
      await queueNotice(tx, `handover:${h.id}:rejected`, requester, row.id, {
        type: "handover_rejected",
        zaaknummer: row.zaaknummer,
        by: person.name,
        reason: v.reason,
      });
      await tellCcp(tx, h, row.zaaknummer, "afgewezen", person.name, null);
      await audit(tx, actor, "overdracht_afgewezen", row.id, {
        zaaknummer: row.zaaknummer,
        overdracht: h.id,
        reden: v.reason,
      });
      return {
        handoverId: h.id,
        zaaknummer: row.zaaknummer,
        status: "afgewezen" as const,
        owner: null,
        ownerName: null,
      };
    }

    const [receiving] = await tx.select().from(teams).where(eq(teams.id, h.toTeamId));
    if (!receiving) throw new Error("handover without receiving team");
    const routed = handoverRoute(h.kind as HandoverKind, row.zaaknummer, row.phase, receiving.kind);
    if (!routed.ok) fieldError("owner", routed.message);
    const rule = routed.route;
    const ownerCode = v.owner || undefined;
    let ownerId: number | null = h.toPersonId;
    if (ownerCode) {
      const [p] = await tx.select().from(people).where(eq(people.code, ownerCode));
      if (!p?.active || p.teamId !== h.toTeamId)
        fieldError("owner", "Kies een medewerker van je eigen team.");
      if (!["jeugdbeschermer", "assistent_jeugdbeschermer", "ccp"].includes(p.role)) {
        fieldError("owner", `${p.name} heeft geen caseload (${ROLE_WORD[p.role]}).`);
      }
      ownerId = p.id;
    }
    if (rule.ownerOnAccept && !ownerId)
      fieldError("owner", "Noem de vaste jeugdbeschermer die de zaak krijgt.");
    const today = ctx.today();
    const phase = rule.toPhase;
    await tx
      .update(cases)
      .set({
        teamId: h.toTeamId,
        ownerId,
        phase,
        phaseSince: phase !== row.phase || h.toTeamId !== row.teamId ? today : row.phaseSince,
        updatedAt: now,
      })
      .where(eq(cases.id, row.id));
    await tx
      .update(handovers)
      .set({ status: "geaccepteerd", decidedById: person.id, decidedAt: now, toPersonId: ownerId })
      .where(eq(handovers.id, h.id));
    await refreshDeadlines(tx, ctx, [row.id]);
    await rebaseReminders(tx, row.id, ownerId, h.toTeamId);

    const [owner] = ownerId ? await tx.select().from(people).where(eq(people.id, ownerId)) : [];
    const [toTeam] = await tx.select().from(teams).where(eq(teams.id, h.toTeamId));
    await queueNotice(tx, `handover:${h.id}:accepted`, requester, row.id, {
      type: "handover_accepted",
      zaaknummer: row.zaaknummer,
      by: person.name,
      toTeam: toTeam?.name ?? "",
      ownerName: owner?.name ?? null,
    });
    if (owner && owner.id !== person.id) {
      await queueNotice(tx, `handover:${h.id}:owner`, owner.id, row.id, {
        type: "handover_assigned",
        zaaknummer: row.zaaknummer,
        by: person.name,
      });
    }
    await tellCcp(tx, h, row.zaaknummer, "geaccepteerd", person.name, owner?.name ?? null);
    await audit(tx, actor, "overdracht_geaccepteerd", row.id, {
      zaaknummer: row.zaaknummer,
      overdracht: h.id,
      naarTeam: toTeam?.code,
      eigenaar: owner?.code ?? null,
      fase: phase,
    });
    return {
      handoverId: h.id,
      zaaknummer: row.zaaknummer,
      status: "geaccepteerd" as const,
      owner: owner?.code ?? null,
      ownerName: owner?.name ?? null,
    };
  });
}

type Tx = Parameters<Parameters<CaseContext["db"]["transaction"]>[0]>[0];

/** The CCP coordinates every terugstroom: it hears how each one ends (domain.md §6, §8). */
async function tellCcp(
  tx: Tx,
  h: typeof handovers.$inferSelect,
  zaaknummer: string,
  stage: "geaccepteerd" | "afgewezen",
  by: string,
  ownerName: string | null,
) {
  if (h.kind !== "crt_regulier") return;
  const [toTeam] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, h.toTeamId));
  for (const ccp of await ccpCoordinators(tx)) {
    await queueNotice(tx, `handover:${h.id}:ccp:${ccp.id}:${stage}`, ccp.id, h.caseId, {
      type: "terugstroom_ccp",
      zaaknummer,
      stage,
      by,
      toTeam: toTeam?.name ?? "",
      reason: h.reason,
      ownerName,
    });
  }
}

/** Reminders still waiting in the outbox go to the new owner (escalations to the new team's PB). */
async function rebaseReminders(tx: Tx, caseId: number, ownerId: number | null, teamId: number) {
  const pb = await praktijkbegeleiderOf(tx, teamId);
  const ownerStage = ownerId ?? pb?.id ?? null;
  const pending = and(
    eq(notifications.caseId, caseId),
    eq(notifications.kind, "reminder"),
    inArray(notifications.status, ["pending"]),
  );
  await tx
    .update(notifications)
    .set({ recipientId: ownerStage, platform: null })
    .where(and(pending, sql`${notifications.payload}->>'stage' <> 'escalatie'`));
  await tx
    .update(notifications)
    .set({ recipientId: pb?.id ?? null, platform: null })
    .where(and(pending, sql`${notifications.payload}->>'stage' = 'escalatie'`));
  await regroupDayItems(tx, caseId);
}

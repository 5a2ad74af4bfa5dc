import { aliasedTable, and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import {
  arijAssessments,
  contacts,
  deadlines,
  handovers,
  kernbeslissingen,
  milestones,
  people,
  teams,
  triages,
} from "../../db/schema.ts";
import type { PriorityFactor } from "../domain/priority.ts";
import type { ContactKind, DeadlineKind, IsoDate, PriorityClass, RiskLevel } from "../domain/types.ts";
import { audit } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { currentPriority } from "./priorityStore.ts";
import type { Result } from "./result.ts";
import { type CaseRow, findCase, inTransaction } from "./run.ts";
import { parseInput } from "./validate.ts";

export interface CaseCard {
  zaaknummer: string;
  measure: CaseRow["measure"];
  phase: CaseRow["phase"];
  phaseSince: IsoDate;
  receivedOn: IsoDate;
  rulingOn: IsoDate | null;
  endDate: IsoDate | null;
  team: { code: string; name: string };
  owner: { code: string; name: string } | null;
  birthYears: number[];
  directUnsafe: boolean;
  /** Marked complex by a GW or PB (a terugstroom reason), with the day and who. */
  complex: { on: IsoDate; by: string } | null;
  /** Today's priority from the current facts (waiting time grows); null until triaged or imported. */
  priority: {
    priorityClass: PriorityClass;
    score: number;
    computedClass: PriorityClass;
    classReason: string;
    factors: PriorityFactor[];
    override: { priorityClass: PriorityClass; reason: string; by: string } | null;
  } | null;
  deadlines: { kind: DeadlineKind; due: IsoDate; basis: string; overdue: boolean }[];
  lastContact: { date: IsoDate; kind: ContactKind; newConcerns: boolean } | null;
  lastArij: { date: IsoDate; risk: RiskLevel } | null;
  kernbeslissing: {
    date: IsoDate;
    contactFrequencyWeeks: number;
    gw: string;
    plannedNext: IsoDate | null;
  } | null;
  milestonesDone: { kind: string; doneOn: IsoDate }[];
  /** Recent records that can still be corrected (voided), newest first. */
  records: { record: "contact" | "arij" | "kernbeslissing"; id: number; date: IsoDate; detail: string }[];
  closedReason: string | null;
  handovers: {
    id: number;
    kind: string;
    status: string;
    from: string;
    to: string;
    fromName: string;
    toName: string;
    reason: string;
    requestedBy: string;
    requestedAt: Date;
    decidedBy: string | null;
    decidedAt: Date | null;
  }[];
}

const input = z.object({ zaaknummer: f.zaaknummer });

/** Everything a worker needs to see about one case; reading it is audited. */
export async function showCase(
  ctx: CaseContext,
  actor: Actor | null,
  raw: unknown,
): Promise<Result<CaseCard>> {
  const parsed = parseInput(input, raw);
  if (!parsed.ok) return parsed;
  return inTransaction(ctx, async (tx) => {
    if (actor) await loadActingPerson(tx, actor.personId);
    const row = await findCase(tx, parsed.value.zaaknummer);
    const today = ctx.today();
    const [team] = await tx.select().from(teams).where(eq(teams.id, row.teamId));
    const [owner] = row.ownerId ? await tx.select().from(people).where(eq(people.id, row.ownerId)) : [];
    const [complexBy] = row.complexById
      ? await tx.select({ name: people.name }).from(people).where(eq(people.id, row.complexById))
      : [];
    const [triage] = await tx
      .select({ t: triages, overrideBy: people.name })
      .from(triages)
      .leftJoin(people, eq(people.id, triages.overrideById))
      .where(eq(triages.caseId, row.id))
      .orderBy(desc(triages.createdAt), desc(triages.id))
      .limit(1);
    const open = await tx
      .select()
      .from(deadlines)
      .where(eq(deadlines.caseId, row.id))
      .orderBy(asc(deadlines.due));
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.caseId, row.id), isNull(contacts.voidedAt)))
      .orderBy(desc(contacts.date), desc(contacts.id))
      .limit(1);
    const [arij] = await tx
      .select()
      .from(arijAssessments)
      .where(and(eq(arijAssessments.caseId, row.id), isNull(arijAssessments.voidedAt)))
      .orderBy(desc(arijAssessments.date), desc(arijAssessments.id))
      .limit(1);
    const [kb] = await tx
      .select({ k: kernbeslissingen, gw: people.name })
      .from(kernbeslissingen)
      .innerJoin(people, eq(people.id, kernbeslissingen.gwId))
      .where(and(eq(kernbeslissingen.caseId, row.id), isNull(kernbeslissingen.voidedAt)))
      .orderBy(desc(kernbeslissingen.date), desc(kernbeslissingen.id))
      .limit(1);
    const done = await tx
      .select()
      .from(milestones)
      .where(eq(milestones.caseId, row.id))
      .orderBy(asc(milestones.doneOn));
    const fromTeam = aliasedTable(teams, "from_team");
    const toTeam = aliasedTable(teams, "to_team");
    const requester = aliasedTable(people, "requester");
    const decider = aliasedTable(people, "decider");
    const history = await tx
      .select({
        id: handovers.id,
        kind: handovers.kind,
        status: handovers.status,
        reason: handovers.reason,
        requestedAt: handovers.requestedAt,
        decidedAt: handovers.decidedAt,
        from: fromTeam.code,
        to: toTeam.code,
        fromName: fromTeam.name,
        toName: toTeam.name,
        requestedBy: requester.name,
        decidedBy: decider.name,
      })
      .from(handovers)
      .innerJoin(fromTeam, eq(fromTeam.id, handovers.fromTeamId))
      .innerJoin(toTeam, eq(toTeam.id, handovers.toTeamId))
      .innerJoin(requester, eq(requester.id, handovers.requestedById))
      .leftJoin(decider, eq(decider.id, handovers.decidedById))
      .where(eq(handovers.caseId, row.id))
      .orderBy(asc(handovers.requestedAt));
    const recentContacts = await tx
      .select({ id: contacts.id, date: contacts.date, kind: contacts.kind })
      .from(contacts)
      .where(and(eq(contacts.caseId, row.id), isNull(contacts.voidedAt)))
      .orderBy(desc(contacts.date), desc(contacts.id))
      .limit(5);
    const recentArijs = await tx
      .select({ id: arijAssessments.id, date: arijAssessments.date, risk: arijAssessments.risk })
      .from(arijAssessments)
      .where(and(eq(arijAssessments.caseId, row.id), isNull(arijAssessments.voidedAt)))
      .orderBy(desc(arijAssessments.date), desc(arijAssessments.id))
      .limit(5);
    const recentKbs = await tx
      .select({
        id: kernbeslissingen.id,
        date: kernbeslissingen.date,
        weeks: kernbeslissingen.contactFrequencyWeeks,
      })
      .from(kernbeslissingen)
      .where(and(eq(kernbeslissingen.caseId, row.id), isNull(kernbeslissingen.voidedAt)))
      .orderBy(desc(kernbeslissingen.date), desc(kernbeslissingen.id))
      .limit(5);
    const records: CaseCard["records"] = [
      ...recentContacts.map((r) => ({ record: "contact" as const, id: r.id, date: r.date, detail: r.kind })),
      ...recentArijs.map((r) => ({ record: "arij" as const, id: r.id, date: r.date, detail: r.risk })),
      ...recentKbs.map((r) => ({
        record: "kernbeslissing" as const,
        id: r.id,
        date: r.date,
        detail: String(r.weeks),
      })),
    ].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
    await audit(tx, actor, "zaak_ingezien", row.id, { zaaknummer: row.zaaknummer });
    const current =
      triage || row.priorityScore !== null
        ? currentPriority(
            row,
            triage?.t ?? null,
            arij ? { date: arij.date, risk: arij.risk } : null,
            ctx,
            today,
          )
        : null;

    return {
      zaaknummer: row.zaaknummer,
      measure: row.measure,
      phase: row.phase,
      phaseSince: row.phaseSince,
      receivedOn: row.receivedOn,
      rulingOn: row.rulingOn,
      endDate: row.endDate,
      team: { code: team?.code ?? "", name: team?.name ?? "" },
      owner: owner ? { code: owner.code, name: owner.name } : null,
      birthYears: row.birthYears,
      directUnsafe: row.directUnsafe,
      complex: row.complexOn ? { on: row.complexOn, by: complexBy?.name ?? "" } : null,
      priority: current
        ? {
            priorityClass: current.priorityClass,
            score: current.computed.score,
            computedClass: current.computed.priorityClass,
            classReason: current.computed.classReason,
            factors: current.computed.factors,
            override:
              triage?.t.overrideClass && triage.t.overrideReason
                ? {
                    priorityClass: triage.t.overrideClass,
                    reason: triage.t.overrideReason,
                    by: triage.overrideBy ?? "",
                  }
                : null,
          }
        : null,
      deadlines: open.map((d) => ({ kind: d.kind, due: d.due, basis: d.basis, overdue: d.due < today })),
      lastContact: contact
        ? { date: contact.date, kind: contact.kind, newConcerns: contact.newConcerns }
        : null,
      lastArij: arij ? { date: arij.date, risk: arij.risk } : null,
      kernbeslissing: kb
        ? {
            date: kb.k.date,
            contactFrequencyWeeks: kb.k.contactFrequencyWeeks,
            gw: kb.gw,
            plannedNext: kb.k.plannedNext,
          }
        : null,
      milestonesDone: done.map((m) => ({ kind: m.kind, doneOn: m.doneOn })),
      records,
      closedReason: row.closedReason,
      handovers: history,
    };
  });
}

import { aliasedTable, and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import {
  arijAssessments,
  cases,
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
import { appendAudit, type Reader } from "./audit.ts";
import type { CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import * as f from "./fields.ts";
import { currentPriority } from "./priorityStore.ts";
import type { Result } from "./result.ts";
import { type CaseRow, caseNotFound, readOnly } from "./run.ts";
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
    /** reason: a key of OVERRIDE_REASONS, or "[verwijderd]" for free text from before the lists. */
    override: { priorityClass: PriorityClass; reason: string; note: string | null; by: string } | null;
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
  actor: Reader | null,
  raw: unknown,
): Promise<Result<CaseCard>> {
  const parsed = parseInput(input, raw, ctx);
  if (!parsed.ok) return parsed;
  // Only the audit row is written: the reads need no transaction, and they go out together
  // (bounded: one statement each, whatever the organisation's size).
  return readOnly(ctx, async (db) => {
    const zaaknummer = parsed.value.zaaknummer;
    const ownerPerson = aliasedTable(people, "owner");
    const complexPerson = aliasedTable(people, "complex_by");
    // Every part is selected by zaaknummer, so all go out at once: one round trip, not one per part.
    const caseId = db.select({ id: cases.id }).from(cases).where(eq(cases.zaaknummer, zaaknummer));
    const today = ctx.today();
    const fromTeam = aliasedTable(teams, "from_team");
    const toTeam = aliasedTable(teams, "to_team");
    const requester = aliasedTable(people, "requester");
    const decider = aliasedTable(people, "decider");
    // Voided records stay for the history but are not the last contact, ARIJ or kernbeslissing.
    const [[found], , [triage], open, contactRows, arijRows, kbRows, done, history] = await Promise.all([
      db
        .select({
          c: cases,
          team: { code: teams.code, name: teams.name },
          owner: { code: ownerPerson.code, name: ownerPerson.name },
          complexBy: complexPerson.name,
        })
        .from(cases)
        .innerJoin(teams, eq(teams.id, cases.teamId))
        .leftJoin(ownerPerson, eq(ownerPerson.id, cases.ownerId))
        .leftJoin(complexPerson, eq(complexPerson.id, cases.complexById))
        .where(eq(cases.zaaknummer, zaaknummer)),
      actor && !("operator" in actor) ? loadActingPerson(db, actor.personId) : null,
      db
        .select({ t: triages, overrideBy: people.name })
        .from(triages)
        .leftJoin(people, eq(people.id, triages.overrideById))
        .where(inArray(triages.caseId, caseId))
        .orderBy(desc(triages.createdAt), desc(triages.id))
        .limit(1),
      db.select().from(deadlines).where(inArray(deadlines.caseId, caseId)).orderBy(asc(deadlines.due)),
      db
        .select()
        .from(contacts)
        .where(and(inArray(contacts.caseId, caseId), isNull(contacts.voidedAt)))
        .orderBy(desc(contacts.date), desc(contacts.id))
        .limit(5),
      db
        .select()
        .from(arijAssessments)
        .where(and(inArray(arijAssessments.caseId, caseId), isNull(arijAssessments.voidedAt)))
        .orderBy(desc(arijAssessments.date), desc(arijAssessments.id))
        .limit(5),
      db
        .select({ k: kernbeslissingen, gw: people.name })
        .from(kernbeslissingen)
        .innerJoin(people, eq(people.id, kernbeslissingen.gwId))
        .where(and(inArray(kernbeslissingen.caseId, caseId), isNull(kernbeslissingen.voidedAt)))
        .orderBy(desc(kernbeslissingen.date), desc(kernbeslissingen.id))
        .limit(5),
      db.select().from(milestones).where(inArray(milestones.caseId, caseId)).orderBy(asc(milestones.doneOn)),
      db
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
        .where(inArray(handovers.caseId, caseId))
        .orderBy(asc(handovers.requestedAt)),
    ]);
    if (!found) caseNotFound(zaaknummer);
    const row = found.c;
    const team = found.team;
    const owner = found.owner;
    const [contact] = contactRows;
    const [arij] = arijRows;
    const [kb] = kbRows;
    const records: CaseCard["records"] = [
      ...contactRows.map((r) => ({ record: "contact" as const, id: r.id, date: r.date, detail: r.kind })),
      ...arijRows.map((r) => ({ record: "arij" as const, id: r.id, date: r.date, detail: r.risk })),
      ...kbRows.map((r) => ({
        record: "kernbeslissing" as const,
        id: r.k.id,
        date: r.k.date,
        detail: String(r.k.contactFrequencyWeeks),
      })),
    ].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
    await appendAudit(db, actor, {
      action: "zaak_ingezien",
      access: "lezen",
      caseId: row.id,
      zaaknummers: [row.zaaknummer],
    });
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
      complex: row.complexOn ? { on: row.complexOn, by: found.complexBy ?? "" } : null,
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
                    note: triage.t.overrideNote,
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

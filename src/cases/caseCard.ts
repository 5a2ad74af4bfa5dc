import { type AnyColumn, aliasedTable, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { col, columnsOf, fromJson, type JsonFields, jsonFirst, jsonList } from "../../db/jsonRow.ts";
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

const ownerPerson = aliasedTable(people, "owner");
const complexPerson = aliasedTable(people, "complex_by");
const fromTeam = aliasedTable(teams, "from_team");
const toTeam = aliasedTable(teams, "to_team");
const requester = aliasedTable(people, "requester");
const decider = aliasedTable(people, "decider");

const cardCase = {
  c: cases,
  team: { code: teams.code, name: teams.name },
  owner: { code: ownerPerson.code, name: ownerPerson.name },
  complexBy: complexPerson.name,
};

const triageFields = { ...columnsOf(triages), overrideBy: sql<string | null>`${col(people.name)}` };
const deadlineFields = { kind: deadlines.kind, due: deadlines.due, basis: deadlines.basis };
const contactFields = {
  id: contacts.id,
  date: contacts.date,
  kind: contacts.kind,
  newConcerns: contacts.newConcerns,
};
const arijFields = { id: arijAssessments.id, date: arijAssessments.date, risk: arijAssessments.risk };
const kbFields = {
  id: kernbeslissingen.id,
  date: kernbeslissingen.date,
  contactFrequencyWeeks: kernbeslissingen.contactFrequencyWeeks,
  plannedNext: kernbeslissingen.plannedNext,
  gw: sql<string>`${col(people.name)}`,
};
const milestoneFields = { kind: milestones.kind, doneOn: milestones.doneOn };
const handoverFields = {
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
  requestedBy: sql<string>`${col(requester.name)}`,
  decidedBy: sql<string | null>`${col(decider.name)}`,
};

/**
 * Everything on the card besides the case row, as JSON subqueries of the same statement.
 * Voided records stay for the history but are not the last contact, ARIJ or kernbeslissing.
 */
function cardParts(actor: Reader | null) {
  const of = (caseId: AnyColumn) => sql`${col(caseId)} = ${col(cases.id)}`;
  return {
    actorActive: sql<boolean | null>`${
      actor && !("operator" in actor)
        ? sql`(select ${col(people.active)} from ${people} where ${col(people.id)} = ${actor.personId})`
        : sql`true`
    }`,
    triage: jsonFirst(
      triageFields,
      sql`${triages} left join ${people} on ${col(people.id)} = ${col(triages.overrideById)}`,
      of(triages.caseId),
      [
        { by: triages.createdAt, desc: true },
        { by: triages.id, desc: true },
      ],
    ),
    open: jsonList(deadlineFields, sql`${deadlines}`, of(deadlines.caseId), [{ by: deadlines.due }]),
    contacts: jsonList(
      contactFields,
      sql`${contacts}`,
      sql`${of(contacts.caseId)} and ${col(contacts.voidedAt)} is null`,
      [
        { by: contacts.date, desc: true },
        { by: contacts.id, desc: true },
      ],
      5,
    ),
    arij: jsonList(
      arijFields,
      sql`${arijAssessments}`,
      sql`${of(arijAssessments.caseId)} and ${col(arijAssessments.voidedAt)} is null`,
      [
        { by: arijAssessments.date, desc: true },
        { by: arijAssessments.id, desc: true },
      ],
      5,
    ),
    kernbeslissingen: jsonList(
      kbFields,
      sql`${kernbeslissingen} join ${people} on ${col(people.id)} = ${col(kernbeslissingen.gwId)}`,
      sql`${of(kernbeslissingen.caseId)} and ${col(kernbeslissingen.voidedAt)} is null`,
      [
        { by: kernbeslissingen.date, desc: true },
        { by: kernbeslissingen.id, desc: true },
      ],
      5,
    ),
    milestones: jsonList(milestoneFields, sql`${milestones}`, of(milestones.caseId), [
      { by: milestones.doneOn },
    ]),
    handovers: jsonList(
      handoverFields,
      // An aliased table renders as its alias alone: the table goes before it.
      sql`${handovers}
        join ${teams} ${fromTeam} on ${col(fromTeam.id)} = ${col(handovers.fromTeamId)}
        join ${teams} ${toTeam} on ${col(toTeam.id)} = ${col(handovers.toTeamId)}
        join ${people} ${requester} on ${col(requester.id)} = ${col(handovers.requestedById)}
        left join ${people} ${decider} on ${col(decider.id)} = ${col(handovers.decidedById)}`,
      of(handovers.caseId),
      [{ by: handovers.requestedAt }, { by: handovers.id }],
    ),
  };
}

type PartsRow = { [K in keyof ReturnType<typeof cardParts>]: unknown };

function readParts(found: PartsRow) {
  const list = <F extends JsonFields>(fields: F, value: unknown) =>
    (value as Record<string, unknown>[]).map((json) => fromJson(fields, json));
  const triage = found.triage ? fromJson(triageFields, found.triage as Record<string, unknown>) : null;
  return {
    triage: triage ? { t: triage, overrideBy: triage.overrideBy } : undefined,
    open: list(deadlineFields, found.open),
    contactRows: list(contactFields, found.contacts),
    arijRows: list(arijFields, found.arij),
    kbRows: list(kbFields, found.kernbeslissingen).map((k) => ({ k, gw: k.gw })),
    done: list(milestoneFields, found.milestones),
    history: list(handoverFields, found.handovers),
  };
}

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
    const today = ctx.today();
    const [found] = await db
      .select({ ...cardCase, ...cardParts(actor) })
      .from(cases)
      .innerJoin(teams, eq(teams.id, cases.teamId))
      .leftJoin(ownerPerson, eq(ownerPerson.id, cases.ownerId))
      .leftJoin(complexPerson, eq(complexPerson.id, cases.complexById))
      .where(eq(cases.zaaknummer, zaaknummer));
    // The reader must still be known and active (loadActingPerson refuses with the reason).
    if (actor && !("operator" in actor) && found?.actorActive !== true) {
      await loadActingPerson(db, actor.personId);
    }
    if (!found) caseNotFound(zaaknummer);
    const { c: row, team, owner } = found;
    const { triage, open, contactRows, arijRows, kbRows, done, history } = readParts(found);
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

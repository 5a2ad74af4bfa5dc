import { aliasedTable, and, asc, count, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { cases, deadlines, handovers, people, teams } from "../../db/schema.ts";
import { addDays, weekday } from "../domain/dates.ts";
import type { HandoverKind } from "../domain/handover.ts";
import type { DeadlineKind, IsoDate, Measure, Phase, Role } from "../domain/types.ts";
import { auditRead } from "./audit.ts";
import type { ActingPerson, Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { readOnly } from "./run.ts";
import { nextDueByCase, WAITING_PHASES } from "./werkvoorraad.ts";

/** A home shows a phone screen of work, not a report: each part is cut at this many lines. */
export const HOME_LINES = 25;

export interface HomeDeadline {
  zaaknummer: string;
  kind: DeadlineKind;
  due: IsoDate;
  overdue: boolean;
}

export interface HomeCase {
  zaaknummer: string;
  measure: Measure;
  phase: Phase;
  nextDue: { kind: DeadlineKind; due: IsoDate; overdue: boolean } | null;
}

export interface HomeHandover {
  id: number;
  zaaknummer: string;
  kind: HandoverKind;
  fromTeam: string;
  requestedBy: string;
}

/** A PB's view of their team's werkvoorraad. */
export interface TeamSummary {
  code: string;
  name: string;
  /** Cases waiting (not yet triaged, with the CCP, or on the CRT's werkvoorraad). */
  waiting: number;
  untriaged: number;
  /** Waiting cases with at least one deadline past its due date. */
  overdue: number;
}

export interface Home {
  person: { name: string; role: Role };
  today: IsoDate;
  /** The last day counted as "this week" (Sunday). */
  weekEnd: IsoDate;
  /** Open deadlines due this week or already overdue: own cases, a PB also the team's unowned ones. */
  thisWeek: HomeDeadline[];
  /** Whether there were more than HOME_LINES of them. */
  thisWeekMore: boolean;
  /** Own open cases, the one with the nearest deadline first. */
  cases: HomeCase[];
  casesMore: boolean;
  /** Handovers waiting for this person's decision (a PB: to their team; anyone: to them). */
  handovers: HomeHandover[];
  team: TeamSummary | null;
}

const sundayOf = (d: IsoDate): IsoDate => addDays(d, (7 - weekday(d)) % 7);

/**
 * A person's home: their week, their cases, the handovers waiting for them and, for a PB, the
 * team's werkvoorraad. A fixed number of statements whatever the organisation's size (the reads go
 * out together); reading it is one read-log row with every zaaknummer shown.
 */
export async function readHome(ctx: CaseContext, actor: Actor) {
  return readOnly(ctx, async (db) => {
    const person = await loadActingPerson(db, actor.personId);
    const today = ctx.today();
    const weekEnd = sundayOf(today);
    const isPb = person.role === "praktijkbegeleider";
    const [week, own, waiting, team] = await Promise.all([
      weekDeadlines(db, person, isPb, weekEnd),
      db
        .select({ id: cases.id, zaaknummer: cases.zaaknummer, measure: cases.measure, phase: cases.phase })
        .from(cases)
        .where(and(eq(cases.ownerId, person.id), ne(cases.phase, "afgesloten")))
        .orderBy(asc(cases.zaaknummer))
        .limit(200),
      handoversFor(db, person, isPb),
      isPb ? teamSummary(db, person, today) : null,
    ]);
    const next = await nextDueByCase(
      db,
      own.map((c) => c.id),
    );
    const mine: HomeCase[] = own
      .map(({ id, ...c }) => {
        const d = next.get(id);
        return { ...c, nextDue: d ? { ...d, overdue: d.due < today } : null };
      })
      // The nearest deadline first; cases without one last.
      .sort(
        (a, b) =>
          (a.nextDue?.due ?? "9999").localeCompare(b.nextDue?.due ?? "9999") ||
          a.zaaknummer.localeCompare(b.zaaknummer),
      );
    const home: Home = {
      person: { name: person.name, role: person.role },
      today,
      weekEnd,
      thisWeek: week.slice(0, HOME_LINES).map((d) => ({ ...d, overdue: d.due < today })),
      thisWeekMore: week.length > HOME_LINES,
      cases: mine.slice(0, HOME_LINES),
      casesMore: mine.length > HOME_LINES,
      handovers: waiting,
      team,
    };
    const shown = [
      ...home.thisWeek.map((d) => d.zaaknummer),
      ...home.cases.map((c) => c.zaaknummer),
      ...home.handovers.map((h) => h.zaaknummer),
    ];
    if (shown.length > 0) await auditRead(db, actor, "overzicht_ingezien", shown);
    return home;
  });
}

function weekDeadlines(db: CaseContext["db"], person: ActingPerson, isPb: boolean, weekEnd: IsoDate) {
  const mine = isPb
    ? or(eq(cases.ownerId, person.id), and(isNull(cases.ownerId), eq(cases.teamId, person.teamId)))
    : eq(cases.ownerId, person.id);
  return db
    .select({ zaaknummer: cases.zaaknummer, kind: deadlines.kind, due: deadlines.due })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(lte(deadlines.due, weekEnd), ne(cases.phase, "afgesloten"), mine))
    .orderBy(asc(deadlines.due), asc(cases.zaaknummer), asc(deadlines.kind))
    .limit(HOME_LINES + 1);
}

function handoversFor(db: CaseContext["db"], person: ActingPerson, isPb: boolean): Promise<HomeHandover[]> {
  const fromTeam = aliasedTable(teams, "from_team");
  const requester = aliasedTable(people, "requester");
  const forMe = isPb
    ? or(eq(handovers.toPersonId, person.id), eq(handovers.toTeamId, person.teamId))
    : eq(handovers.toPersonId, person.id);
  return db
    .select({
      id: handovers.id,
      zaaknummer: cases.zaaknummer,
      kind: handovers.kind,
      fromTeam: fromTeam.name,
      requestedBy: requester.name,
    })
    .from(handovers)
    .innerJoin(cases, eq(cases.id, handovers.caseId))
    .innerJoin(fromTeam, eq(fromTeam.id, handovers.fromTeamId))
    .innerJoin(requester, eq(requester.id, handovers.requestedById))
    .where(and(eq(handovers.status, "aangevraagd"), forMe))
    .orderBy(asc(handovers.requestedAt), asc(handovers.id))
    .limit(HOME_LINES);
}

async function teamSummary(
  db: CaseContext["db"],
  person: ActingPerson,
  today: IsoDate,
): Promise<TeamSummary> {
  const overdue = sql`exists (select 1 from ${deadlines} where ${deadlines.caseId} = ${cases.id} and ${deadlines.due} < ${today})`;
  const [row] = await db
    .select({
      name: teams.name,
      waiting: count(cases.id),
      untriaged: sql<number>`count(${cases.id}) filter (where ${cases.phase} = 'aangemeld')`.mapWith(Number),
      overdue: sql<number>`count(${cases.id}) filter (where ${overdue})`.mapWith(Number),
    })
    .from(teams)
    .leftJoin(cases, and(eq(cases.teamId, teams.id), inArray(cases.phase, [...WAITING_PHASES])))
    .where(eq(teams.id, person.teamId))
    .groupBy(teams.id, teams.name);
  return {
    code: person.teamCode,
    name: row?.name ?? person.teamCode,
    waiting: row?.waiting ?? 0,
    untriaged: row?.untriaged ?? 0,
    overdue: row?.overdue ?? 0,
  };
}

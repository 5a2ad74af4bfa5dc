import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client.ts";
import { people, teams } from "../../db/schema.ts";
import { teamCapacity } from "../domain/capacity.ts";
import { addDays, isIsoDate } from "../domain/dates.ts";
import {
  type IntakeFacts,
  type IntakeNorm,
  type NormCount,
  normCompliance,
} from "../domain/figures/norms.ts";
import { kernbesluitenWithOldArij, type SafetyFigures, safetyFigures } from "../domain/figures/safety.ts";
import { median, percentile } from "../domain/figures/statistics.ts";
import {
  mondayOf,
  type StateEvent,
  statesAt,
  type WeekFigures,
  weeklySeries,
  werkvoorraadMember,
} from "../domain/figures/werkvoorraad.ts";
import type { IsoDate, Measure, Phase, TeamKind } from "../domain/types.ts";
import type { ActingPerson, CaseContext } from "./context.ts";
import { fail, ok, type Result } from "./result.ts";

// "Cijfers" (issue: the norm meter): the figures a teammanager reports, computed only from what
// was recorded on or before the reference date — dated case events, contacts, ARIJs, triages,
// kernbeslissingen and milestones — so the same question asked later gives the same answer.

/** Weeks of history in the series (half a year: the CRT's evaluation rhythm). */
export const SERIES_WEEKS = 26;

export interface FiguresQuery {
  /** The reference date; defaults to today. */
  peildatum?: IsoDate;
  /** Start of the period for inflow norms; defaults to the Monday 25 weeks before the reference week. */
  van?: IsoDate;
  /** A team code; all teams when absent. */
  team?: string;
}

export interface Figures {
  peildatum: IsoDate;
  period: { from: IsoDate; to: IsoDate };
  /** The team's code, or null for the whole organisation. */
  team: string | null;
  teamName: string | null;
  werkvoorraad: {
    size: number;
    byPhase: Record<"ccp" | "crt", number>;
    byMeasure: Partial<Record<Measure, number>>;
    byTeam: Record<string, number>;
    weeks: WeekFigures[];
  };
  /** Calendar days since receipt of the children on the werkvoorraad on the reference date. */
  waitingDays: { median: number | null; p90: number | null; longest: number | null };
  /** Cases received in the period, per intake norm. */
  norms: Record<IntakeNorm, NormCount>;
  safety: SafetyFigures & { kernbesluitenInPeriod: number; kernbesluitenWithOldArij: number };
  caseload: {
    team: string;
    teamName: string;
    kind: TeamKind;
    cases: number;
    fte: number;
    perFte: number | null;
    norm: number;
    free: number;
  }[];
}

const FIGURE_ROLES = ["teammanager", "praktijkbegeleider", "ccp", "beheerder"];

/** Who may read figures: teammanagers, PBs and the CCP (and the CLI, acting as the administrator). */
export const canReadFigures = (p: ActingPerson | null) => p === null || FIGURE_ROLES.includes(p.role);

interface CaseRow {
  id: number;
  measure: Measure;
  receivedOn: IsoDate;
  rulingOn: IsoDate | null;
}

export async function computeFigures(
  ctx: CaseContext,
  actor: ActingPerson | null,
  query: FiguresQuery,
): Promise<Result<Figures>> {
  if (!canReadFigures(actor)) {
    return fail("forbidden", "Cijfers zijn er voor teammanagers, praktijkbegeleiders en het CCP.");
  }
  const peildatum = query.peildatum ?? ctx.today();
  const from = query.van ?? addDays(mondayOf(peildatum), -7 * (SERIES_WEEKS - 1));
  const fields: Record<string, string> = {};
  if (!isIsoDate(peildatum)) fields.peildatum = "Geef de peildatum als een bestaande datum.";
  if (!isIsoDate(from)) fields.van = "Geef het begin van de periode als een bestaande datum.";
  else if (from > peildatum) fields.van = "Het begin van de periode ligt na de peildatum.";
  const db = ctx.db;
  const teamRows = await db.select().from(teams);
  const team = query.team ? teamRows.find((t) => t.code.toLowerCase() === query.team?.toLowerCase()) : null;
  if (query.team && !team) fields.team = "Dit team bestaat niet.";
  if (Object.keys(fields).length > 0) return fail("validation", "De vraag om cijfers klopt niet.", fields);
  const teamId = team?.id ?? null;

  const events = rowsOf<StateEvent>(
    await db.execute(sql`
      select case_id as "caseId", "on"::text as "on", phase, team_id as "teamId", owner_id as "ownerId"
      from case_events where "on" <= ${peildatum}::date order by case_id, "on", id`),
  );
  const caseRows = rowsOf<CaseRow>(
    await db.execute(sql`
      select id, measure, received_on::text as "receivedOn", ruling_on::text as "rulingOn"
      from cases where received_on <= ${peildatum}::date`),
  );
  const caseById = new Map(caseRows.map((c) => [c.id, c]));
  const states = statesAt(events, peildatum);
  const member = werkvoorraadMember(teamId);
  const inScope = (caseId: number) => teamId === null || states.get(caseId)?.teamId === teamId;

  const onWerkvoorraad = [...states.values()].filter(member);
  const received = caseRows.filter((c) => c.receivedOn >= from && inScope(c.id));
  const facts = await caseFacts(
    ctx,
    [...new Set([...onWerkvoorraad.map((s) => s.caseId), ...received.map((c) => c.id)])],
    from,
    peildatum,
  );

  const teamCode = new Map(teamRows.map((t) => [t.id, t.code]));
  const byPhase = { ccp: 0, crt: 0 };
  const byMeasure: Partial<Record<Measure, number>> = {};
  const byTeam: Record<string, number> = {};
  const waiting: number[] = [];
  for (const s of onWerkvoorraad) {
    byPhase[s.phase as "ccp" | "crt"]++;
    const c = caseById.get(s.caseId);
    if (c) {
      byMeasure[c.measure] = (byMeasure[c.measure] ?? 0) + 1;
      waiting.push(Math.round((Date.parse(peildatum) - Date.parse(c.receivedOn)) / 86_400_000));
    }
    const code = teamCode.get(s.teamId) ?? "?";
    byTeam[code] = (byTeam[code] ?? 0) + 1;
  }

  const triagedBefore = leftAangemeld(events);
  const intake: IntakeFacts[] = received.map((c) => ({
    measure: c.measure,
    receivedOn: c.receivedOn,
    rulingOn: c.rulingOn,
    doneOn: {
      triage: earliest(facts.triage.get(c.id), triagedBefore.get(c.id) ?? null),
      eerste_contact: facts.firstFaceToFace.get(c.id) ?? null,
      arij_mdo: facts.firstArij.get(c.id) ?? null,
      plan_van_aanpak: facts.plan.get(c.id) ?? null,
      hulp: facts.hulp.get(c.id) ?? null,
    },
  }));

  const safety = safetyFigures(
    onWerkvoorraad.map((s) => ({
      lastFaceToFace: facts.lastFaceToFace.get(s.caseId) ?? null,
      lastArij: facts.lastArij.get(s.caseId) ?? null,
      contactFrequencyWeeks: facts.frequency.get(s.caseId) ?? null,
    })),
    peildatum,
    ctx.policy,
  );
  const kernbesluiten = facts.kernbesluiten.filter((k) => inScope(k.caseId));

  return ok({
    peildatum,
    period: { from, to: peildatum },
    team: team?.code ?? null,
    teamName: team?.name ?? null,
    werkvoorraad: {
      size: onWerkvoorraad.length,
      byPhase,
      byMeasure,
      byTeam,
      weeks: weeklySeries(events, member, peildatum, SERIES_WEEKS),
    },
    waitingDays: {
      median: median(waiting),
      p90: percentile(waiting, 90),
      longest: waiting.length ? Math.max(...waiting) : null,
    },
    norms: normCompliance(intake, peildatum, ctx.policy, ctx.calendar),
    safety: {
      ...safety,
      kernbesluitenInPeriod: kernbesluiten.length,
      kernbesluitenWithOldArij: kernbesluitenWithOldArij(kernbesluiten, ctx.policy),
    },
    caseload: await caseload(ctx, teamRows, states, teamId),
  });
}

const earliest = (a: IsoDate | undefined | null, b: IsoDate | null): IsoDate | null =>
  a && b ? (a < b ? a : b) : (a ?? b);

/** A case imported or registered past triage counts as triaged on the day it left `aangemeld`. */
function leftAangemeld(events: readonly StateEvent[]): Map<number, IsoDate> {
  const out = new Map<number, IsoDate>();
  for (const e of events) {
    if (e.phase !== ("aangemeld" satisfies Phase) && !out.has(e.caseId)) out.set(e.caseId, e.on);
  }
  return out;
}

interface CaseFactMaps {
  triage: Map<number, IsoDate>;
  firstFaceToFace: Map<number, IsoDate>;
  lastFaceToFace: Map<number, IsoDate>;
  firstArij: Map<number, IsoDate>;
  lastArij: Map<number, IsoDate>;
  plan: Map<number, IsoDate>;
  hulp: Map<number, IsoDate>;
  frequency: Map<number, number>;
  kernbesluiten: { caseId: number; on: IsoDate; lastArijBefore: IsoDate | null }[];
}

/** The dated facts of the given cases up to the reference date, in a fixed number of queries. */
async function caseFacts(
  ctx: CaseContext,
  ids: readonly number[],
  from: IsoDate,
  peildatum: IsoDate,
): Promise<CaseFactMaps> {
  const db = ctx.db;
  const idArray = `{${ids.join(",")}}`;
  type Span = { caseId: number; first: IsoDate; last: IsoDate };
  const spans = async (query: ReturnType<typeof sql>) => rowsOf<Span>(await db.execute(query));
  const [triages, contacts, arijs, marks, frequencies, kernbesluiten] = await Promise.all([
    spans(sql`select case_id as "caseId", min(triaged_on)::text as first, max(triaged_on)::text as last
      from triages where triaged_on <= ${peildatum}::date and case_id = any(${idArray}::int[]) group by case_id`),
    spans(sql`select case_id as "caseId", min(date)::text as first, max(date)::text as last
      from contacts where kind = 'kind_face_to_face' and date <= ${peildatum}::date and voided_at is null
        and case_id = any(${idArray}::int[]) group by case_id`),
    spans(sql`select case_id as "caseId", min(date)::text as first, max(date)::text as last
      from arij_assessments where date <= ${peildatum}::date and voided_at is null and case_id = any(${idArray}::int[]) group by case_id`),
    db.execute(sql`select case_id as "caseId", kind, min(done_on)::text as "on" from milestones
      where done_on <= ${peildatum}::date and kind in ('plan_van_aanpak', 'hulp')
        and case_id = any(${idArray}::int[]) group by case_id, kind`),
    db.execute(sql`select distinct on (case_id) case_id as "caseId", contact_frequency_weeks as weeks
      from kernbeslissingen where date <= ${peildatum}::date and voided_at is null
        and case_id = any(${idArray}::int[])
      order by case_id, date desc, id desc`),
    db.execute(sql`select k.case_id as "caseId", k.date::text as "on",
        (select max(a.date) from arij_assessments a
          where a.case_id = k.case_id and a.date <= k.date and a.voided_at is null)::text
          as "lastArijBefore"
      from kernbeslissingen k
      where k.date between ${from}::date and ${peildatum}::date and k.voided_at is null`),
  ]);
  const first = (rows: Span[]) => new Map(rows.map((r) => [r.caseId, r.first]));
  const last = (rows: Span[]) => new Map(rows.map((r) => [r.caseId, r.last]));
  const markRows = rowsOf<{ caseId: number; kind: string; on: IsoDate }>(marks);
  const markOf = (kind: string) =>
    new Map(markRows.filter((m) => m.kind === kind).map((m) => [m.caseId, m.on]));
  return {
    triage: first(triages),
    firstFaceToFace: first(contacts),
    lastFaceToFace: last(contacts),
    firstArij: first(arijs),
    lastArij: last(arijs),
    plan: markOf("plan_van_aanpak"),
    hulp: markOf("hulp"),
    frequency: new Map(
      rowsOf<{ caseId: number; weeks: number }>(frequencies).map((f) => [f.caseId, f.weeks]),
    ),
    kernbesluiten: rowsOf(kernbesluiten),
  };
}

/** Caseload per FTE per regular and CRT team on the reference date, against its norm. */
async function caseload(
  ctx: CaseContext,
  teamRows: (typeof teams.$inferSelect)[],
  states: Map<number, StateEvent>,
  teamId: number | null,
): Promise<Figures["caseload"]> {
  const staff = await ctx.db.select().from(people).where(sql`${people.active}`);
  const load = new Map<number, number>();
  for (const s of states.values()) {
    if (s.ownerId !== null && s.phase !== "afgesloten") load.set(s.ownerId, (load.get(s.ownerId) ?? 0) + 1);
  }
  return teamRows
    .filter((t) => t.kind !== "ccp" && (teamId === null || t.id === teamId))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((t) => {
      const cap = teamCapacity(
        staff
          .filter((p) => p.teamId === t.id)
          .map((p) => ({
            code: p.code,
            name: p.name,
            role: p.role,
            fte: p.fte,
            activeCases: load.get(p.id) ?? 0,
          })),
        t.kind,
        ctx.policy.caseloadNorm,
      );
      const fte = Math.round(cap.workers.reduce((sum, w) => sum + w.fte, 0) * 100) / 100;
      return {
        team: t.code,
        teamName: t.name,
        kind: t.kind,
        cases: cap.active,
        fte,
        perFte: fte > 0 ? Math.round((cap.active / fte) * 10) / 10 : null,
        norm: ctx.policy.caseloadNorm[t.kind],
        free: cap.free,
      };
    });
}

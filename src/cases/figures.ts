import { sql } from "drizzle-orm";
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
import { isoWeekOf, mondayOf, type WeekFigures } from "../domain/figures/werkvoorraad.ts";
import type { IsoDate, Measure, TeamKind } from "../domain/types.ts";
import type { ActingPerson, CaseContext } from "./context.ts";
import { figuresRows } from "./figuresQuery.ts";
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

  const firstMonday = addDays(mondayOf(peildatum), -7 * (SERIES_WEEKS - 1));
  const rows = await figuresRows(db, { peildatum, from, firstMonday, weeks: SERIES_WEEKS, teamId });
  const teamCode = new Map(teamRows.map((t) => [t.id, t.code]));
  const byTeam: Record<string, number> = {};
  for (const [id, n] of rows.byTeamId) {
    const code = teamCode.get(id) ?? "?";
    byTeam[code] = (byTeam[code] ?? 0) + n;
  }
  const intake: IntakeFacts[] = rows.intake.map(
    ([receivedOn, rulingOn, measure, triage, eerste_contact, arij_mdo, plan_van_aanpak, hulp]) => ({
      measure,
      receivedOn,
      rulingOn,
      doneOn: { triage, eerste_contact, arij_mdo, plan_van_aanpak, hulp },
    }),
  );
  const safety = safetyFigures(
    rows.safety.map(([lastFaceToFace, lastArij, contactFrequencyWeeks, count]) => ({
      lastFaceToFace,
      lastArij,
      contactFrequencyWeeks,
      count,
    })),
    peildatum,
    ctx.policy,
  );
  const kernbesluiten = rows.kernbesluiten.map(([on, lastArijBefore, count]) => ({
    on,
    lastArijBefore,
    count,
  }));

  return ok({
    peildatum,
    period: { from, to: peildatum },
    team: team?.code ?? null,
    teamName: team?.name ?? null,
    werkvoorraad: {
      size: rows.size,
      byPhase: rows.byPhase,
      byMeasure: rows.byMeasure,
      byTeam,
      weeks: rows.weeks.map((w) => {
        const monday = addDays(firstMonday, 7 * w.i);
        const net = w.inflow - w.outflowRegulier - w.outflowClosed - w.outflowOther;
        return {
          week: isoWeekOf(monday),
          from: monday,
          inflow: w.inflow,
          outflowRegulier: w.outflowRegulier,
          outflowClosed: w.outflowClosed,
          outflowOther: w.outflowOther,
          net,
          sizeAtEnd: w.sizeAtEnd,
          medianWaitingDays: w.medianWaitingDays,
        };
      }),
    },
    waitingDays: rows.waiting,
    norms: normCompliance(intake, peildatum, ctx.policy, ctx.calendar),
    safety: {
      ...safety,
      kernbesluitenInPeriod: kernbesluiten.reduce((sum, k) => sum + k.count, 0),
      kernbesluitenWithOldArij: kernbesluitenWithOldArij(kernbesluiten, ctx.policy),
    },
    caseload: await caseload(ctx, teamRows, new Map(rows.owners), teamId),
  });
}

/** Caseload per FTE per regular and CRT team on the reference date, against its norm. */
async function caseload(
  ctx: CaseContext,
  teamRows: (typeof teams.$inferSelect)[],
  /** Open cases per owner on the reference date. */
  load: Map<number, number>,
  teamId: number | null,
): Promise<Figures["caseload"]> {
  const staff = await ctx.db.select().from(people).where(sql`${people.active}`);
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

import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { cases, channelBindings, handovers, teams } from "../../db/schema.ts";
import { capacityOverview } from "../cases/capacityOverview.ts";
import type { CaseContext } from "../cases/context.ts";
import { listDue } from "../cases/dueList.ts";
import { computeFigures } from "../cases/figures.ts";
import type { Digest, TerugstroomReason } from "../cases/payloads.ts";
import { listWerkvoorraad, priorityOrder } from "../cases/werkvoorraad.ts";
import { addDays, amsterdamMidnight } from "../domain/dates.ts";
import type { IsoDate } from "../domain/types.ts";
import { figuresChartImage } from "../reports/chartImage.ts";
import type { ImageBlock } from "../ui/view.ts";

export type { Digest, TerugstroomReason };

/** Builds the digest of one CRT (or CCP) team for `day`; `previousSize` comes from last week's run. */
export async function buildDigest(
  ctx: CaseContext,
  tx: Tx | CaseContext["db"],
  teamCode: string,
  day: IsoDate,
  previousSize: number | null,
): Promise<Digest> {
  const [team] = await tx.select().from(teams).where(eq(teams.code, teamCode));
  if (!team) throw new Error(`unknown team ${teamCode}`);
  const dayCtx: CaseContext = { ...ctx, db: tx as CaseContext["db"], today: () => day };
  const weekAgo = addDays(day, -7);

  // Building is not a read: the delivery of the digest is what gets logged.
  const werkvoorraad = await listWerkvoorraad(
    dayCtx,
    { team: team.code, limit: ctx.policy.digest.listLength },
    null,
  );
  if (!werkvoorraad.ok) throw new Error(werkvoorraad.error.message);
  const all = werkvoorraad.value;
  const inTeam = await tx
    .select({
      id: cases.id,
      zaaknummer: cases.zaaknummer,
      phase: cases.phase,
      phaseSince: cases.phaseSince,
      directUnsafe: cases.directUnsafe,
      complexOn: cases.complexOn,
    })
    .from(cases)
    .where(and(eq(cases.teamId, team.id), inArray(cases.phase, ["aangemeld", "ccp", "crt"])))
    .orderBy(...priorityOrder);
  const zaaknummers = new Set(inTeam.map((c) => c.zaaknummer));

  const returned = await tx
    .select({ zaaknummer: cases.zaaknummer })
    .from(handovers)
    .innerJoin(cases, eq(cases.id, handovers.caseId))
    .where(
      and(
        eq(handovers.fromTeamId, team.id),
        eq(handovers.status, "geaccepteerd"),
        gte(handovers.decidedAt, amsterdamMidnight(weekAgo)),
        lt(handovers.decidedAt, amsterdamMidnight(day)),
      ),
    );

  const due = await listDue(tx, day);
  const overdue = due.filter((d) => d.overdue && zaaknummers.has(d.zaaknummer));

  // Complexity is a judgement marked on the case by a GW or PB, never a count of problems.
  const complex = new Set(inTeam.filter((c) => c.complexOn !== null).map((c) => c.id));

  const capacity = await capacityOverview(dayCtx);
  if (!capacity.ok) throw new Error(capacity.error.message);
  const regular = capacity.value.filter((t) => t.kind === "regulier");
  const freeSeats = Math.max(0, Math.floor(regular.reduce((sum, t) => sum + Math.max(0, t.free), 0)));
  // With capacity, the cases the PB ranks highest go back first: the werkvoorraad's order (class
  // with the PB's override, then score), not the longest wait (domain.md §6: qualitative priority).
  const ranked = inTeam.filter((c) => c.phase === "crt");
  const byCapacity = new Set(
    ranked.slice(0, Math.min(freeSeats, ctx.policy.digest.terugstroomCapacityMax)).map((c) => c.id),
  );
  const terugstroom = ranked
    .map((c) => ({
      zaaknummer: c.zaaknummer,
      reasons: [
        ...(c.directUnsafe ? (["directe_onveiligheid"] as const) : []),
        ...(complex.has(c.id) ? (["complex"] as const) : []),
        ...(byCapacity.has(c.id) ? (["capaciteit"] as const) : []),
      ],
    }))
    .filter((c) => c.reasons.length > 0);

  const own = capacity.value.find((t) => t.code === team.code);
  // The figures as of the digest day come from recorded events, so a digest rebuilt later for the
  // same day shows the same chart.
  const figures = await computeFigures(dayCtx, null, { peildatum: day, team: team.code });
  if (!figures.ok) throw new Error(figures.error.message);
  const chart = await figuresChartImage(figures.value, ctx.policy, `Werkvoorraad ${team.name}`);
  return {
    team: { code: team.code, name: team.name },
    day,
    size: all.total,
    previousSize,
    // The week before the digest day, both ends counted once: [day − 7, day). A case entering on
    // the digest's own day is next week's news (the digest may already have gone out that morning).
    newCases: inTeam
      .filter((c) => c.phaseSince >= weekAgo && c.phaseSince < day)
      .map((c) => c.zaaknummer)
      .sort(),
    returnedCases: returned.map((r) => r.zaaknummer).sort(),
    list: all.entries,
    listRest: Math.max(0, all.total - ctx.policy.digest.listLength),
    overdueContacts: overdue.filter((d) => d.kind === "contact"),
    overdueArij: overdue.filter((d) => d.kind === "arij"),
    terugstroom,
    regularCapacity: regular.map((t) => ({ code: t.code, name: t.name, free: t.free })),
    crtCaseload: (own?.workers ?? []).map((w) => ({
      name: w.name,
      active: w.active,
      norm: w.norm,
      free: w.free,
    })),
    chart,
  };
}

/** Teams that get a digest: every CRT, and the CCP when the organisation wants it. */
export async function digestTeams(tx: Tx | CaseContext["db"], includeCcp: boolean) {
  return tx
    .select({
      code: teams.code,
      /** The team's channel per platform name. */
      channels: sql<
        Record<string, string>
      >`coalesce((select jsonb_object_agg(${channelBindings.platform}, ${channelBindings.channelId}) from ${channelBindings} where ${channelBindings.teamId} = ${teams.id}), '{}'::jsonb)`,
    })
    .from(teams)
    .where(includeCcp ? sql`${teams.kind} in ('crt', 'ccp')` : eq(teams.kind, "crt"))
    .orderBy(teams.code);
}

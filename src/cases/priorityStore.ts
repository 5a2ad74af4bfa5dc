import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { appState, arijAssessments, cases, triages } from "../../db/schema.ts";
import { computePriority, effectiveClass, type PriorityResult } from "../domain/priority.ts";
import type { IsoDate, PriorityClass, RiskLevel } from "../domain/types.ts";
import type { CaseContext } from "./context.ts";

// The priority is derived from the current facts, not frozen at triage: the waiting time grows
// every day and a newer ARIJ replaces the triage's risk. A PB's override stays until removed.
// Stored class and score (for ordering lists in SQL) are refreshed once per day before any list
// is read, and for one case whenever that case is shown.

const KEY = "priorities_on";
const CHUNK = 2000;

type CaseRow = typeof cases.$inferSelect;
type TriageRow = typeof triages.$inferSelect;

interface TriageAnswers {
  criteria?: string[];
  arijRisk?: RiskLevel | null;
  arijDate?: IsoDate | null;
  problems?: string[];
  sustainingFactors?: string[];
  helpInPlace?: boolean;
}

export interface CurrentPriority {
  computed: PriorityResult;
  /** The class that counts: the override when there is one. */
  priorityClass: PriorityClass;
  override: PriorityClass | null;
}

/** The priority of one case today, from its latest triage (if any) and its latest ARIJ. */
export function currentPriority(
  row: Pick<CaseRow, "receivedOn" | "phaseSince" | "birthYears" | "directUnsafe">,
  triage: TriageRow | null,
  latestArij: { date: IsoDate; risk: RiskLevel } | null,
  ctx: Pick<CaseContext, "policy">,
  today: IsoDate,
): CurrentPriority {
  const a = (triage?.answers ?? {}) as TriageAnswers;
  // An ARIJ recorded after the triage's answer is the current risk.
  const triageArijDate = a.arijDate ?? triage?.triagedOn ?? null;
  const arijRisk =
    latestArij && (triageArijDate === null || latestArij.date >= triageArijDate)
      ? latestArij.risk
      : (a.arijRisk ?? latestArij?.risk ?? null);
  const computed = computePriority(
    {
      directUnsafe: triage ? triage.directUnsafe : row.directUnsafe,
      unsafeCriteria: triage ? triage.criteria : [],
      arijRisk,
      problems: a.problems ?? [],
      sustainingFactors: a.sustainingFactors ?? [],
      birthYears: row.birthYears,
      helpInPlace: a.helpInPlace ?? false,
      // A triaged case waits from receipt; an imported one from the day it entered its phase.
      waitingSince: triage ? row.receivedOn : row.phaseSince,
      today,
    },
    ctx.policy.priority,
  );
  const override = triage?.overrideClass ?? null;
  return { computed, override, priorityClass: effectiveClass(computed.priorityClass, override) };
}

/** Latest triage and latest ARIJ per case. */
async function loadPriorityFacts(tx: Db | Tx, ids: number[]) {
  const latestTriages = await tx
    .selectDistinctOn([triages.caseId])
    .from(triages)
    .where(inArray(triages.caseId, ids))
    .orderBy(triages.caseId, desc(triages.createdAt), desc(triages.id));
  const latestArijs = await tx
    .selectDistinctOn([arijAssessments.caseId], {
      caseId: arijAssessments.caseId,
      date: arijAssessments.date,
      risk: arijAssessments.risk,
    })
    .from(arijAssessments)
    .where(and(inArray(arijAssessments.caseId, ids), isNull(arijAssessments.voidedAt)))
    .orderBy(arijAssessments.caseId, desc(arijAssessments.date), desc(arijAssessments.id));
  return {
    triageBy: new Map(latestTriages.map((t) => [t.caseId, t])),
    arijBy: new Map(latestArijs.map((a) => [a.caseId, { date: a.date, risk: a.risk }])),
  };
}

/** Recomputes and stores the priority of these cases (those with a priority: triaged or imported). */
export async function refreshPriorities(tx: Db | Tx, ctx: CaseContext, caseIds: readonly number[]) {
  const today = ctx.today();
  let changed = 0;
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const ids = caseIds.slice(i, i + CHUNK);
    const rows = await tx.select().from(cases).where(inArray(cases.id, ids));
    const { triageBy, arijBy } = await loadPriorityFacts(tx, ids);
    const updates: { id: number; cls: PriorityClass; score: number }[] = [];
    for (const row of rows) {
      const triage = triageBy.get(row.id) ?? null;
      if (!triage && row.priorityScore === null) continue;
      const p = currentPriority(row, triage, arijBy.get(row.id) ?? null, ctx, today);
      if (p.priorityClass !== row.priorityClass || p.computed.score !== row.priorityScore) {
        updates.push({ id: row.id, cls: p.priorityClass, score: p.computed.score });
      }
    }
    if (updates.length > 0) {
      const values = sql.join(
        updates.map((u) => sql`(${u.id}::int, ${u.cls}::priority_class, ${u.score}::int)`),
        sql`, `,
      );
      await tx.execute(sql`
        update cases set priority_class = v.cls, priority_score = v.score
        from (values ${values}) as v(id, cls, score) where cases.id = v.id`);
    }
    changed += updates.length;
  }
  return changed;
}

const refreshedOn = new WeakMap<Db, IsoDate>();

/**
 * Once per day (the waiting time counts in weeks, the day is the unit): every open case with a
 * priority gets today's. Cheap when already done today — one row read.
 */
export async function refreshPrioritiesDaily(tx: Db | Tx, ctx: CaseContext): Promise<void> {
  const today = ctx.today();
  // A day once refreshed stays refreshed: this process need not ask again (the first werkvoorraad
  // of each day asks once).
  if (!("rollback" in tx) && refreshedOn.get(tx) === today) return;
  const [done] = await tx.select().from(appState).where(eq(appState.key, KEY));
  if (done && (done.value as { day?: string }).day === today) {
    if (!("rollback" in tx)) refreshedOn.set(tx, today);
    return;
  }
  // Once a day the refresh writes: under a lock held for a transaction, so a read path that runs
  // without one opens it here.
  if (!("rollback" in tx)) {
    await tx.transaction((t) => refreshPrioritiesDaily(t, ctx));
    refreshedOn.set(tx, today);
    return;
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${KEY}))`);
  const [again] = await tx.select().from(appState).where(eq(appState.key, KEY));
  if (again && (again.value as { day?: string }).day === today) return;
  const open = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        ne(cases.phase, "afgesloten"),
        or(
          isNotNull(cases.priorityScore),
          sql`exists (select 1 from triages t where t.case_id = ${cases.id})`,
        ),
      ),
    );
  await refreshPriorities(
    tx,
    ctx,
    open.map((r) => r.id),
  );
  await tx
    .insert(appState)
    .values({ key: KEY, value: { day: today } })
    .onConflictDoUpdate({ target: appState.key, set: { value: { day: today }, updatedAt: new Date() } });
}

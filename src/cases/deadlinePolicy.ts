import { eq, sql } from "drizzle-orm";
import { rowsOf } from "../../db/client.ts";
import { appState } from "../../db/schema.ts";
import type { Policy } from "../domain/policy.ts";
import type { CaseContext } from "./context.ts";
import { refreshAllDeadlines } from "./deadlineStore.ts";

// Stored deadlines are derived from the policy and the calendar. When either changed since they
// were computed (a new policy file, a new holiday), every open case's deadlines are recomputed at
// start-up in one transaction, so the case card never shows a due date from the old rules.

const KEY = "deadline_policy";

/** The parts of the policy that deadlines depend on, with keys in a fixed order (jsonb reorders). */
export function deadlineRules(policy: Policy): string {
  return canonical({
    calendar: policy.calendar,
    extraHolidays: [...policy.extraHolidays].sort(),
    deadlines: policy.deadlines,
  });
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface DeadlineSync {
  /** Were the deadlines recomputed (the rules differed from the stored ones)? */
  recomputed: boolean;
  changedDeadlines: number;
  changedCases: number;
}

export async function syncDeadlinesWithPolicy(ctx: CaseContext): Promise<DeadlineSync> {
  const rules = deadlineRules(ctx.policy);
  return ctx.db.transaction(async (tx) => {
    // Two processes starting at once: the second waits here and then finds the rules current.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${KEY}))`);
    const [stored] = await tx.select().from(appState).where(eq(appState.key, KEY));
    if (stored && (stored.value as { rules?: string }).rules === rules) {
      return { recomputed: false, changedDeadlines: 0, changedCases: 0 };
    }
    await tx.execute(
      sql`create temporary table deadlines_before on commit drop as select case_id, kind, due from deadlines`,
    );
    await refreshAllDeadlines(tx, ctx);
    const [counts] = rowsOf<{ deadlines: number; cases: number }>(
      await tx.execute(sql`
      select count(*)::int as deadlines, count(distinct coalesce(d.case_id, b.case_id))::int as cases
      from deadlines d
      full join deadlines_before b on b.case_id = d.case_id and b.kind = d.kind
      where d.due is distinct from b.due`),
    );
    await tx
      .insert(appState)
      .values({ key: KEY, value: { rules } })
      .onConflictDoUpdate({ target: appState.key, set: { value: { rules }, updatedAt: new Date() } });
    return {
      recomputed: true,
      changedDeadlines: counts?.deadlines ?? 0,
      changedCases: counts?.cases ?? 0,
    };
  });
}

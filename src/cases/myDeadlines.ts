import { and, asc, eq, isNull, lte, ne, or } from "drizzle-orm";
import { cases, deadlines } from "../../db/schema.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import { auditRead } from "./audit.ts";
import type { Actor, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";

export interface MyDeadline {
  zaaknummer: string;
  kind: DeadlineKind;
  due: IsoDate;
  overdue: boolean;
}

/** What the person has to do soon: deadlines of their own cases (a PB: also the team's unowned ones). */
export async function myDeadlines(
  ctx: CaseContext,
  actor: Actor,
  workdaysAhead = ctx.policy.reminders.listWorkdaysAhead,
): Promise<MyDeadline[]> {
  const person = await loadActingPerson(ctx.db, actor.personId);
  const today = ctx.today();
  const until = ctx.calendar.addWorkdays(today, workdaysAhead);
  const mine =
    person.role === "praktijkbegeleider"
      ? or(eq(cases.ownerId, person.id), and(isNull(cases.ownerId), eq(cases.teamId, person.teamId)))
      : eq(cases.ownerId, person.id);
  const rows = await ctx.db
    .select({ zaaknummer: cases.zaaknummer, kind: deadlines.kind, due: deadlines.due })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(lte(deadlines.due, until), ne(cases.phase, "afgesloten"), mine))
    .orderBy(asc(deadlines.due), asc(cases.zaaknummer))
    .limit(200);
  if (rows.length > 0) {
    await ctx.db.transaction((tx) =>
      auditRead(
        tx,
        actor,
        "eigen_termijnen_ingezien",
        rows.map((r) => r.zaaknummer),
      ),
    );
  }
  return rows.map((r) => ({ ...r, overdue: r.due < today }));
}

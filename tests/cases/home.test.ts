import { and, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { auditLog, cases, deadlines, handovers, people, teams } from "../../db/schema.ts";
import type { App } from "../../src/app.ts";
import { readHome } from "../../src/cases/home.ts";
import { WAITING_PHASES } from "../../src/cases/werkvoorraad.ts";
import { demoApp } from "../support/demoApp.ts";

// The home's use case: what it shows is what the database holds for that person, and reading it
// is one read-log row naming every case shown.

const TODAY = "2026-11-23"; // Monday; the week runs to Sunday 29 November
let app: App;
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, db, close } = await demoApp(TODAY));
}, 60_000);
afterAll(async () => close?.());

async function personId(code: string) {
  const [p] = await db.select({ id: people.id }).from(people).where(eq(people.code, code));
  return p!.id;
}

describe("readHome", () => {
  it("a jeugdbeschermer: this week's deadlines and every own case, logged as one read", async () => {
    const id = await personId("jb-noord-1");
    const result = await readHome(app.ctx, { personId: id, via: "test" });
    if (!result.ok) throw new Error(result.error.message);
    const home = result.value;
    const expected = await db
      .select({ z: cases.zaaknummer, due: deadlines.due })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(
        and(eq(cases.ownerId, id), ne(cases.phase, "afgesloten"), sql`${deadlines.due} <= '2026-11-29'`),
      );
    expect(home.weekEnd).toBe("2026-11-29");
    expect(home.thisWeek.map((d) => d.zaaknummer).sort()).toEqual(expected.map((e) => e.z).sort());
    expect(home.thisWeek.filter((d) => d.overdue).map((d) => d.due)).toEqual(
      expected
        .filter((e) => e.due < TODAY)
        .map((e) => e.due)
        .sort(),
    );
    const own = await db
      .select({ z: cases.zaaknummer })
      .from(cases)
      .where(and(eq(cases.ownerId, id), ne(cases.phase, "afgesloten")));
    expect(home.cases.map((c) => c.zaaknummer).sort()).toEqual(own.map((c) => c.z).sort());
    // The nearest deadline first.
    const dues = home.cases.map((c) => c.nextDue?.due ?? "9999");
    expect(dues).toEqual([...dues].sort());
    expect(home.team).toBeNull();

    const [row] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(row?.action).toBe("overzicht_ingezien");
    expect(row?.actorId).toBe(id);
    expect(row?.access).toBe("lezen");
    expect([...(row?.zaaknummers ?? [])].sort()).toEqual(
      [
        ...new Set([...home.thisWeek.map((d) => d.zaaknummer), ...home.cases.map((c) => c.zaaknummer)]),
      ].sort(),
    );
  });

  it("a PB: the handovers waiting for the team and the werkvoorraad with its overdue count", async () => {
    const pb = await personId("pb-crt");
    const [crt] = await db.select().from(teams).where(eq(teams.code, "CRT"));
    const [noord] = await db.select().from(teams).where(eq(teams.code, "NOORD"));
    const [regular] = await db
      .select({ id: cases.id, z: cases.zaaknummer })
      .from(cases)
      .where(and(eq(cases.teamId, noord!.id), eq(cases.phase, "regulier")))
      .limit(1);
    await db.insert(handovers).values({
      caseId: regular!.id,
      kind: "regulier_crt",
      fromTeamId: noord!.id,
      toTeamId: crt!.id,
      reason: "geen_capaciteit",
      warm: "niet_nodig",
      requestedById: await personId("pb-noord"),
    });
    const result = await readHome(app.ctx, { personId: pb, via: "test" });
    if (!result.ok) throw new Error(result.error.message);
    const home = result.value;
    expect(home.handovers.map((h) => h.zaaknummer)).toEqual([regular!.z]);
    expect(home.handovers[0]?.requestedBy).toBeTruthy();

    const waiting = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.teamId, crt!.id), inArray(cases.phase, [...WAITING_PHASES])));
    const late = await db
      .selectDistinct({ id: deadlines.caseId })
      .from(deadlines)
      .where(
        and(
          inArray(
            deadlines.caseId,
            waiting.map((w) => w.id),
          ),
          lt(deadlines.due, TODAY),
        ),
      );
    expect(home.team).toMatchObject({ code: "CRT", waiting: waiting.length, overdue: late.length });
    expect(home.team!.overdue).toBeGreaterThan(0);
    // The PB's week holds the team's unowned cases too.
    const pool = await db
      .select({ z: cases.zaaknummer })
      .from(cases)
      .where(and(eq(cases.teamId, crt!.id), isNull(cases.ownerId)));
    const poolSet = new Set(pool.map((p) => p.z));
    expect(home.thisWeek.length).toBeGreaterThan(0);
    expect(home.thisWeek.every((d) => poolSet.has(d.zaaknummer))).toBe(true);
  });

  it("someone no longer active is refused, with nothing read", async () => {
    const id = await personId("jb-noord-2");
    await db.update(people).set({ active: false }).where(eq(people.id, id));
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const result = await readHome(app.ctx, { personId: id, via: "test" });
    expect(result.ok).toBe(false);
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after?.n).toBe(before?.n);
  });
});

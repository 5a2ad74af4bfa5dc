import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { rowsOf } from "../../db/client.ts";
import { computeFigures, type Figures } from "../../src/cases/figures.ts";
import { median, percentile } from "../../src/domain/figures/statistics.ts";
import { seedFigureOrganisation } from "../fixtures/figures/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Reference date Tuesday 30 June 2026; the period starts on Monday 5 January 2026 (26 ISO weeks).
// Staff calendar: Koningsdag Mon 27 Apr, Bevrijdingsdag Tue 5 May, Hemelvaart Thu 14 May 2026.
const PEILDATUM = "2026-06-30";

let db: Db;
let close: () => Promise<void>;
let fixture: Awaited<ReturnType<typeof seedFigureOrganisation>>;
let figures: Figures;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  fixture = await seedFigureOrganisation(db);
  const result = await computeFigures(testContext(db, "2026-11-23"), null, { peildatum: PEILDATUM });
  if (!result.ok) throw new Error(result.error.message);
  figures = result.value;
});
afterAll(() => close());

describe("figures as of a reference date, against a hand-computed organisation", () => {
  it("the period is the 26 ISO weeks up to the reference date", () => {
    expect(figures.period).toEqual({ from: "2026-01-05", to: PEILDATUM });
    expect(figures.werkvoorraad.weeks).toHaveLength(26);
    expect(figures.werkvoorraad.weeks[0]?.week).toBe("2026-W02");
    expect(figures.werkvoorraad.weeks.at(-1)?.week).toBe("2026-W27");
  });

  it("werkvoorraad: B and D in the CRT, E in the CCP; A went back to a regular team, C was closed", () => {
    expect(figures.werkvoorraad.size).toBe(3);
    expect(figures.werkvoorraad.byPhase).toEqual({ ccp: 1, crt: 2 });
    expect(figures.werkvoorraad.byMeasure).toEqual({ ots: 3 });
    expect(figures.werkvoorraad.byTeam).toEqual({ CCP: 1, CRT: 2 });
  });

  it("inflow, outflow and size per week", () => {
    const week = (w: string) => figures.werkvoorraad.weeks.find((x) => x.week === w);
    // C entered the CCP on Tue 6 Jan: the first week ends with C and D.
    expect(week("2026-W02")).toMatchObject({ inflow: 1, net: 1, sizeAtEnd: 2 });
    // A entered on Wed 29 Apr (week of Koningsdag).
    expect(week("2026-W18")).toMatchObject({ inflow: 1, sizeAtEnd: 3 });
    // B on Tue 2 Jun.
    expect(week("2026-W23")).toMatchObject({ inflow: 1, sizeAtEnd: 4 });
    // A back to NOORD on Mon 15 Jun (terugstroom).
    expect(week("2026-W25")).toMatchObject({ inflow: 0, outflowRegulier: 1, net: -1, sizeAtEnd: 3 });
    // C closed on Mon 22 Jun, E entered on Fri 26 Jun.
    expect(week("2026-W26")).toMatchObject({ inflow: 1, outflowClosed: 1, net: 0, sizeAtEnd: 3 });
    expect(week("2026-W27")).toMatchObject({ inflow: 0, net: 0, sizeAtEnd: 3 });
    const totalIn = figures.werkvoorraad.weeks.reduce((s, w) => s + w.inflow, 0);
    expect(totalIn).toBe(4);
  });

  it("median waiting time per week of the children on the werkvoorraad at the week's end", () => {
    const median = (w: string) => figures.werkvoorraad.weeks.find((x) => x.week === w)?.medianWaitingDays;
    // Sun 11 Jan: D (received 1 Oct 2025) 102 days, C (5 Jan) 6 days.
    expect(median("2026-W02")).toBe(54);
    // Sun 3 May: D 214, C 118, A (24 Apr) 9.
    expect(median("2026-W18")).toBe(118);
    // Sun 7 Jun: D 249, C 153, A 44, B (1 Jun) 6: the mean of the middle two.
    expect(median("2026-W23")).toBe(98.5);
    // Sun 21 Jun: A left on the 15th; D 263, C 167, B 20.
    expect(median("2026-W25")).toBe(167);
    // Sun 28 Jun: C closed on the 22nd, E (25 Jun) came; D 270, B 27, E 3.
    expect(median("2026-W26")).toBe(27);
    // The reference week ends on the reference date: the waiting days below.
    expect(median("2026-W27")).toBe(29);
  });

  it("waiting time since receipt of the children on the werkvoorraad: 5, 29 and 272 days", () => {
    expect(figures.waitingDays).toEqual({ median: 29, p90: 272, longest: 272 });
  });

  it("intake norms in werkdagen for the cases received in the period (A, B, C, E)", () => {
    // Triage within 2 werkdagen: A received Fri 24 Apr, due Wed 29 Apr (Koningsdag skipped), met that day.
    expect(figures.norms.triage).toEqual({ onTime: 4, late: 0, openOverdue: 0, openInTime: 0 });
    // First contact within 5: A on Mon 4 May (the 5th werkdag) met; B on Tue 9 Jun (the 6th) late;
    // C met; E (received 25 Jun) still has until Thu 2 Jul.
    expect(figures.norms.eerste_contact).toEqual({ onTime: 2, late: 1, openOverdue: 0, openInTime: 1 });
    // ARIJ + MDO within 14: A due Tue 19 May (5 May and Hemelvaart skipped), done 20 May: late;
    // B due Fri 19 Jun, none: overdue; C on time; E in time.
    expect(figures.norms.arij_mdo).toEqual({ onTime: 1, late: 1, openOverdue: 1, openInTime: 1 });
    // Plan van aanpak within 6 weeks (not for voogdij C): A due Fri 5 Jun, marked 10 Jun: late.
    expect(figures.norms.plan_van_aanpak).toEqual({ onTime: 0, late: 1, openOverdue: 0, openInTime: 2 });
    // Help within 3 months: C marked on 2 Mar (due Tue 7 Apr, after Tweede Paasdag); the rest in time.
    expect(figures.norms.hulp).toEqual({ onTime: 1, late: 0, openOverdue: 0, openInTime: 3 });
  });

  it("the LHP minimum: B seen within 3 months, D's 6-weekly frequency missed, E never seen", () => {
    expect(figures.safety).toMatchObject({
      children: 3,
      seenWithinNorm: 1,
      seenWithinNormShare: 0.33,
      neverSeen: 1,
      arijWithinYear: 1,
      arijWithinYearShare: 0.33,
      kernbesluitenInPeriod: 1,
      kernbesluitenWithOldArij: 1,
    });
  });

  it("caseload per FTE on the reference date against the team's norm", () => {
    expect(figures.caseload).toEqual([
      {
        team: "CRT",
        teamName: "Cliënt Regie Team",
        kind: "crt",
        cases: 2,
        fte: 0.5,
        perFte: 4,
        norm: 18,
        free: 7,
      },
      {
        team: "NOORD",
        teamName: "Regio Noord",
        kind: "regulier",
        cases: 1,
        fte: 1,
        perFte: 1,
        norm: 15,
        free: 14,
      },
    ]);
  });

  it("one team's figures: the CRT", async () => {
    const result = await computeFigures(testContext(db, "2026-11-23"), null, {
      peildatum: PEILDATUM,
      team: "crt",
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.team).toBe("CRT");
    expect(result.value.werkvoorraad.size).toBe(2);
    // The CRT's cases on the reference date: B (late first contact) and C (closed from the CRT, met);
    // A went back to NOORD and E is in the CCP.
    expect(result.value.norms.eerste_contact).toEqual({ onTime: 1, late: 1, openOverdue: 0, openInTime: 0 });
    expect(result.value.caseload.map((c) => c.team)).toEqual(["CRT"]);
  });

  it("the same question asked later gives the same answer: events after the reference date change nothing", async () => {
    await fixture.later();
    const again = await computeFigures(testContext(db, "2026-11-23"), null, { peildatum: PEILDATUM });
    if (!again.ok) throw new Error(again.error.message);
    expect(JSON.stringify(again.value)).toBe(JSON.stringify(figures));
    // ...while a later reference date does see them.
    const later = await computeFigures(testContext(db, "2026-11-23"), null, { peildatum: "2026-07-06" });
    if (!later.ok) throw new Error(later.error.message);
    expect(later.value.werkvoorraad.byPhase).toEqual({ ccp: 1, crt: 2 });
    expect(later.value.werkvoorraad.size).toBe(3);
  });

  it("the database's median and p90 are the definitions of statistics.ts (mean of the middle two; nearest rank)", async () => {
    // 1 to 120 values each, with repeats; n = 70 is where 0.9 × n is not exact in floating point.
    const rows = rowsOf<{ n: number; values: number[]; median: number; p90: number }>(
      await db.execute(sql`
        select n, array_agg(v order by k) as values,
               percentile_cont(0.5) within group (order by v) as median,
               percentile_disc(0.9) within group (order by v) as p90
        from (select n, k, (n * 7919 + k * 104729) % 97 as v
              from generate_series(1, 120) n, generate_series(1, n) k) x
        group by n order by n`),
    );
    expect(rows).toHaveLength(120);
    for (const r of rows) {
      expect(Number(r.median)).toBe(median(r.values));
      expect(Number(r.p90)).toBe(percentile(r.values, 90));
    }
  });

  it("refuses a wrong question at its field, in Dutch", async () => {
    const result = await computeFigures(testContext(db, "2026-11-23"), null, {
      peildatum: "2026-02-30",
      team: "ZUIDPOOL",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields).toEqual({
      peildatum: "Geef de peildatum als een bestaande datum.",
      team: "Dit team bestaat niet.",
    });
  });
});

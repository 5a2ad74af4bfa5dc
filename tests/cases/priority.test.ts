import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { cases, people } from "../../db/schema.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import { type Actor, createContext } from "../../src/cases/context.ts";
import { overridePriority } from "../../src/cases/overridePriority.ts";
import type { Result } from "../../src/cases/result.ts";
import { triageCase } from "../../src/cases/triageCase.ts";
import { listWerkvoorraad } from "../../src/cases/werkvoorraad.ts";
import { loadConfig, scheduleSettings } from "../../src/config.ts";
import { DEFAULT_POLICY } from "../../src/domain/policy.ts";
import { runDueJobs } from "../../src/jobs/scheduler.ts";
import { caseCardMessage } from "../../src/ui/caseViews.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 11 item 5: the priority is derived from today's facts — the waiting time grows — a PB's
// override stays, and the case card explains each factor's contribution.

const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar
R-1;ots;2026-05-04;aangemeld;CCP;
R-2;ots;2026-05-04;aangemeld;CCP;`;

let db: Db;
let close: () => Promise<void>;
const who: Record<string, Actor> = {};
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
  // Triaged on receipt: ARIJ middelmatig (20), 1 problem (6), no help, waiting 0 weeks → 26, class D.
  for (const zaaknummer of ["R-1", "R-2"]) {
    ok(
      await triageCase(testContext(db, "2026-05-04"), who["pb-ccp"]!, {
        zaaknummer,
        arijRisk: "middelmatig",
        arijDate: "2026-05-01",
        problems: ["verslaving_ouder"],
        helpInPlace: false,
        regularTeamHasRoom: false,
      }),
    );
  }
});
afterAll(async () => close());

const waiting = (factors: { factor: string; points: number; detail: string }[]) =>
  factors.find((f) => f.factor === "wachttijd");

describe("priority on read", () => {
  it("at triage the waiting time is 0", async () => {
    const card = ok(await showCase(testContext(db, "2026-05-04"), who["pb-ccp"]!, { zaaknummer: "R-1" }));
    expect(card.priority).toMatchObject({ priorityClass: "D", score: 26 });
    expect(waiting(card.priority!.factors)?.points).toBe(0);
  });

  it("ten weeks later the waiting factor has grown, on the card and in the werkvoorraad order", async () => {
    const later = testContext(db, "2026-07-13");
    ok(
      await overridePriority(later, who["pb-ccp"]!, {
        zaaknummer: "R-2",
        priorityClass: "B",
        reason: "signaal_ketenpartner",
      }),
    );
    const card = ok(await showCase(later, who["pb-ccp"]!, { zaaknummer: "R-1" }));
    expect(waiting(card.priority!.factors)).toMatchObject({ points: 10, detail: "10 weken × 1, max 20" });
    expect(card.priority).toMatchObject({ score: 36, priorityClass: "C" });
    // The card explains the priority of today: every factor with its contribution.
    const text = JSON.stringify(caseCardMessage(card, "2026-07-13"));
    expect(text).toContain("Wachttijd: +10 (10 weken × 1, max 20)");
    expect(text).toContain("ARIJ-risico: +20");

    const list = ok(await listWerkvoorraad(later, { team: "CCP" }, null));
    expect(list.entries.map((e) => [e.zaaknummer, e.priorityClass, e.priorityScore])).toEqual([
      // The override stays, with today's score underneath.
      ["R-2", "B", 36],
      ["R-1", "C", 36],
    ]);
    const overridden = ok(await showCase(later, who["pb-ccp"]!, { zaaknummer: "R-2" }));
    expect(overridden.priority).toMatchObject({
      priorityClass: "B",
      computedClass: "C",
      override: { priorityClass: "B", reason: "signaal_ketenpartner" },
    });
  });

  it("the first jobs loop of the day refreshes the stored priorities, before anyone reads them", async () => {
    const night = createContext(db, DEFAULT_POLICY, () => new Date("2026-07-20T00:01:00+02:00"));
    const stored = async () =>
      (await db.select({ score: cases.priorityScore }).from(cases).where(eq(cases.zaaknummer, "R-1")))[0]
        ?.score;
    expect(await stored()).toBe(36);
    await runDueJobs(
      night,
      { ...scheduleSettings(loadConfig({})), platforms: [] },
      new Date("2026-07-20T00:01:00+02:00"),
    );
    // Eleven weeks of waiting now: one point more, stored without any read path running.
    expect(await stored()).toBe(37);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import { syncDeadlinesWithPolicy } from "../../src/cases/deadlinePolicy.ts";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 11 item 7: after a policy change the stored deadlines follow, at start-up, in one go.

const TODAY = "2026-05-11";
// last contact 2 March → contact due 2 June (3 months) or 4 May (2 months).
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
Q-1;ots;2025-09-01;regulier;REG;jb-reg;2026-03-02;2026-03-02;laag
Q-2;ots;2025-09-01;regulier;REG;jb-reg;2026-03-02;2026-03-02;laag
Q-3;ots;2025-09-01;regulier;REG;jb-reg;2026-05-04;2026-03-02;laag`;

let db: Db;
let close: () => Promise<void>;
let jb: { personId: number; via: string };

const twoMonths: Policy = { ...DEFAULT_POLICY, deadlines: { ...DEFAULT_POLICY.deadlines, contactMonths: 2 } };
const contactDue = async (policy: Policy, zaaknummer: string) => {
  const card = await showCase(testContext(db, TODAY, policy), jb, { zaaknummer });
  if (!card.ok) throw new Error(card.error.message);
  return card.value.deadlines.find((d) => d.kind === "contact")?.due;
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  const [p] = (await db.select().from(people)).filter((x) => x.code === "jb-reg");
  jb = { personId: p!.id, via: "test" };
});
afterAll(async () => close());

describe("deadlines follow the policy", () => {
  it("records the rules the first time, then does nothing while the policy stays the same", async () => {
    expect(await syncDeadlinesWithPolicy(testContext(db, TODAY))).toMatchObject({ recomputed: true });
    expect(await syncDeadlinesWithPolicy(testContext(db, TODAY))).toEqual({
      recomputed: false,
      changedDeadlines: 0,
      changedCases: 0,
    });
  });

  it("after contactMonths changes, every stored contact deadline moves and the count says how many", async () => {
    expect(await contactDue(twoMonths, "Q-1")).toBe("2026-06-02");
    // contact 2 June → 2 May (Saturday) → Monday 4 May; Q-3: 4 Aug → 6 July.
    expect(await syncDeadlinesWithPolicy(testContext(db, TODAY, twoMonths))).toEqual({
      recomputed: true,
      changedDeadlines: 3,
      changedCases: 3,
    });
    expect(await contactDue(twoMonths, "Q-1")).toBe("2026-05-04");
    expect(await contactDue(twoMonths, "Q-3")).toBe("2026-07-06");
    expect(await syncDeadlinesWithPolicy(testContext(db, TODAY, twoMonths))).toMatchObject({
      recomputed: false,
    });
  });

  it("a new holiday in the calendar counts as a change too", async () => {
    const withHoliday: Policy = { ...twoMonths, extraHolidays: ["2026-05-04"] };
    expect(await syncDeadlinesWithPolicy(testContext(db, TODAY, withHoliday))).toEqual({
      recomputed: true,
      changedDeadlines: 2,
      changedCases: 2,
    });
    // 5 May is Bevrijdingsdag: Wednesday 6 May.
    expect(await contactDue(withHoliday, "Q-2")).toBe("2026-05-06");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import type { Actor, CaseContext } from "../../src/cases/context.ts";
import { myDeadlines } from "../../src/cases/myDeadlines.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { registerCase } from "../../src/cases/registerCase.ts";
import { requestHandover } from "../../src/cases/requestHandover.ts";
import type { Result } from "../../src/cases/result.ts";
import { HANDOVER_CHECKS } from "../../src/domain/handover.ts";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 11 item 15: numbers that are policy come from the policy; the legal length of a measure
// is checked at registration.

const TODAY = "2026-05-11"; // Monday
// P-1: last contact 4 March → next contact 4 June (3 months), 17 werkdagen ahead.
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
P-1;ots;2025-09-01;regulier;REG;jb-reg;2026-03-04;2026-05-04;laag`;

let db: Db;
let close: () => Promise<void>;
const who: Record<string, Actor> = {};

const policy = (
  deadlines: Partial<Policy["deadlines"]>,
  reminders: Partial<Policy["reminders"]> = {},
): Policy => ({
  ...DEFAULT_POLICY,
  deadlines: { ...DEFAULT_POLICY.deadlines, ...deadlines },
  reminders: { ...DEFAULT_POLICY.reminders, ...reminders },
});
const ctxWith = (p: Policy = DEFAULT_POLICY, today = TODAY): CaseContext => testContext(db, today, p);
const fail = <T>(r: Result<T>) => {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  await db
    .insert(people)
    .values({ code: "gw-1", name: "Gert Wetenschapper", role: "gedragswetenschapper", teamId: 1, fte: 1 });
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
});
afterAll(async () => close());

describe("policy numbers", () => {
  it("the window of herinneringen is policy", async () => {
    expect(await myDeadlines(ctxWith(), who["jb-reg"]!)).toEqual([]);
    const wide = await myDeadlines(ctxWith(policy({}, { listWorkdaysAhead: 20 })), who["jb-reg"]!);
    expect(wide.map((d) => [d.zaaknummer, d.kind])).toContainEqual(["P-1", "contact"]);
  });

  it("the highest contact frequency of a kernbeslissing is policy", async () => {
    const kb = { zaaknummer: "P-1", date: TODAY, contactFrequencyWeeks: 10, gw: "gw-1" };
    const e = fail(
      await recordKernbeslissing(ctxWith(policy({ contactFrequencyMaxWeeks: 8 })), who["gw-1"]!, kb),
    );
    expect(e.fields?.contactFrequencyWeeks).toContain("Hoogstens 8 weken");
    expect(
      fail(await recordKernbeslissing(ctxWith(), who["gw-1"]!, { ...kb, contactFrequencyWeeks: 14 })).fields,
    ).toHaveProperty("contactFrequencyWeeks");
  });

  it("a kernbeslissing older than the policy's limit does not open the CRT", async () => {
    ok(
      await recordKernbeslissing(ctxWith(), who["gw-1"]!, {
        zaaknummer: "P-1",
        date: "2026-05-04",
        contactFrequencyWeeks: 6,
        gw: "gw-1",
      }),
    );
    const toCrt = {
      zaaknummer: "P-1",
      kind: "regulier_crt",
      toTeam: "CRT",
      reason: "geen_capaciteit",
      warm: "niet_nodig",
      checks: Object.keys(HANDOVER_CHECKS),
    };
    // Nine weeks later the kernbeslissing of 4 May is no longer current (default: 8 weeks).
    const late = fail(await requestHandover(ctxWith(DEFAULT_POLICY, "2026-07-06"), who["pb-reg"]!, toCrt));
    expect(late.fields?.kind).toContain("De kernbeslissing van 04-05-2026 is ouder dan 8 weken");
    const longer = policy({ kernbeslissingMaxWeeksForCrt: 10 });
    ok(await requestHandover(ctxWith(longer, "2026-07-06"), who["pb-reg"]!, toCrt));
  });
});

describe("the legal length of a measure at registration", () => {
  it("refuses a voorlopige OTS ending more than 3 months after its ruling, at the end date", async () => {
    const e = fail(
      await registerCase(ctxWith(), who["pb-ccp"]!, {
        zaaknummer: "P-2",
        measure: "vots",
        receivedOn: "2026-05-06",
        rulingOn: "2026-05-04",
        endDate: "2026-08-05",
        team: "CCP",
      }),
    );
    expect(e.fields?.endDate).toBe(
      "Een voorlopige OTS duurt hoogstens 3 maanden na de uitspraak: de einddatum ligt uiterlijk op 04-08-2026.",
    );
  });
});

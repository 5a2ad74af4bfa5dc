import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { notifications, people } from "../../db/schema.ts";
import type { Actor } from "../../src/cases/context.ts";
import { decideHandover } from "../../src/cases/decideHandover.ts";
import { markComplex } from "../../src/cases/markComplex.ts";
import { requestHandover } from "../../src/cases/requestHandover.ts";
import type { Result } from "../../src/cases/result.ts";
import { triageCase } from "../../src/cases/triageCase.ts";
import { HANDOVER_CHECKS } from "../../src/domain/handover.ts";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import { type Payload, renderPayload } from "../../src/jobs/payloads.ts";
import { buildDigests } from "../../src/jobs/runs.ts";
import { testContext, testDatabase } from "../support/db.ts";
import { importOrganisation } from "./organisation.ts";

// Issue 11 items 8 and 17: complexity is a marked judgement, "nieuw deze week" has no gap at the
// week boundary, terugstroom by capacity follows the PB's ranking, and the CCP hears of each one.

const DAY = "2026-05-18"; // Monday: the digest day
// T-1 waits longest but is low risk; T-3 is high risk; T-2 has many problems but nobody judged it complex.
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
T-1;ots;2025-01-06;crt;CRT;;2026-04-01;2026-04-01;laag
T-2;ots;2025-06-02;crt;CRT;;2026-04-01;2026-04-01;laag
T-3;ots;2025-09-01;crt;CRT;;2026-04-01;2026-04-01;hoog
T-4;ots;2025-09-01;crt;CRT;;2026-04-01;2026-04-01;laag
T-5;ots;2025-09-01;regulier;REG;jb-reg;2026-04-01;2026-04-01;laag
T-6;ots;2025-09-01;regulier;REG;jb-reg;2026-04-01;2026-04-01;laag`;

let db: Db;
let close: () => Promise<void>;
const who: Record<string, Actor> = {};
const one: Policy = { ...DEFAULT_POLICY, digest: { ...DEFAULT_POLICY.digest, terugstroomCapacityMax: 1 } };
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  await db.insert(people).values({
    code: "gw-1",
    name: "Gert Wetenschapper",
    role: "gedragswetenschapper",
    teamId: 3,
    fte: 1,
  });
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
  // T-5 enters the CRT on Monday 11 May, T-6 on the digest's own Monday 18 May.
  const crtCsv = (z: string) => `zaaknummer;maatregel;ontvangen_op;fase;team\n${z};ots;2025-09-01;crt;CRT`;
  const { importCsv } = await import("../../src/cases/import/index.ts");
  ok(await importCsv(testContext(db, "2026-05-11"), null, "cases", crtCsv("T-5")));
  ok(await importCsv(testContext(db, DAY), null, "cases", crtCsv("T-6")));
  ok(
    await triageCase(testContext(db, "2026-05-11"), who["pb-crt"]!, {
      zaaknummer: "T-2",
      arijRisk: "laag",
      arijDate: "2026-04-01",
      problems: ["verslaving_ouder", "psychiatrie_ouder", "lvb", "huiselijk_geweld_verleden"],
      helpInPlace: true,
      regularTeamHasRoom: false,
    }),
  );
});
afterAll(async () => close());

describe("terugstroom candidates in the digest", () => {
  it("only a case marked complex by a GW or PB is a candidate for that reason, not one with many problems", async () => {
    expect(
      ok(await markComplex(testContext(db, "2026-05-12"), who["gw-1"]!, { zaaknummer: "T-4", complex: true }))
        .zaaknummer,
    ).toBe("T-4");
    const refused = await markComplex(testContext(db, "2026-05-12"), who["ajb-crt"]!, {
      zaaknummer: "T-2",
      complex: true,
    });
    expect(refused.ok).toBe(false);
    const [digest] = await buildDigests(testContext(db, DAY), DAY, false);
    const complex = digest!.terugstroom.filter((t) => t.reasons.includes("complex")).map((t) => t.zaaknummer);
    expect(complex).toEqual(["T-4"]);
  });

  it("by capacity, the case the PB ranks highest goes first, not the one held longest", async () => {
    const [digest] = await buildDigests(testContext(db, DAY, one), DAY, false);
    const byCapacity = digest!.terugstroom
      .filter((t) => t.reasons.includes("capaciteit"))
      .map((t) => t.zaaknummer);
    expect(byCapacity).toEqual([digest!.list[0]!.zaaknummer]);
    expect(byCapacity).toEqual(["T-3"]);
  });

  it("'nieuw deze week' holds the case that entered on last Monday, and not today's", async () => {
    const [digest] = await buildDigests(testContext(db, DAY), DAY, false);
    expect(digest!.newCases).toContain("T-5");
    expect(digest!.newCases).not.toContain("T-6");
    const [next] = await buildDigests(testContext(db, "2026-05-25"), "2026-05-25", false);
    expect(next!.newCases).toContain("T-6");
    expect(next!.newCases).not.toContain("T-5");
  });
});

describe("the CCP coordinates every terugstroom", () => {
  it("is told when the CRT's PB proposes one and when it is accepted, by name", async () => {
    const ctx = testContext(db, DAY);
    const r = ok(
      await requestHandover(ctx, who["pb-crt"]!, {
        zaaknummer: "T-3",
        kind: "crt_regulier",
        toTeam: "REG",
        reason: "capaciteit",
        warm: "niet_nodig",
        checks: Object.keys(HANDOVER_CHECKS),
      }),
    );
    ok(
      await decideHandover(ctx, who["pb-reg"]!, {
        handoverId: r.handoverId,
        decision: "accept",
        owner: "jb-reg",
      }),
    );
    const told = await db
      .select()
      .from(notifications)
      .where(like(notifications.key, `handover:${r.handoverId}:ccp:%`))
      .orderBy(notifications.id);
    expect(told.map((n) => n.recipientId)).toEqual([who["pb-ccp"]!.personId, who["pb-ccp"]!.personId]);
    const texts = told.map((n) => JSON.stringify(renderPayload(n.payload as Payload)));
    expect(texts[0]).toContain("Petra Crt stelt terugstroom voor van zaak T-3 naar Regio Test");
    expect(texts[1]).toContain("geaccepteerd door Pia Begeleider; vaste jeugdbeschermer: Joost Beschermer");
  });
});

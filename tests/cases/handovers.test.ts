import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { auditLog, cases, notifications, people } from "../../db/schema.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import type { Actor, CaseContext } from "../../src/cases/context.ts";
import { decideHandover } from "../../src/cases/decideHandover.ts";
import { recordArij } from "../../src/cases/recordArij.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { requestHandover } from "../../src/cases/requestHandover.ts";
import type { Result } from "../../src/cases/result.ts";
import { HANDOVER_CHECKS } from "../../src/domain/handover.ts";
import { type Payload, renderPayload } from "../../src/jobs/payloads.ts";
import { planReminders } from "../../src/jobs/reminderSweep.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

const TODAY = "2026-05-11"; // Monday
const ALL_CHECKS = Object.keys(HANDOVER_CHECKS);
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
H-1;ots;2025-09-01;regulier;REG;jb-reg;2026-05-04;2026-01-05;laag
H-2;ots;2025-09-01;crt;CRT;;2026-04-01;2026-04-01;laag
H-3;ots;2025-09-01;regulier;REG;jb-reg;2026-05-04;2026-05-04;laag`;

let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;
const who: Record<string, Actor> = {};

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
  ctx = testContext(db, TODAY);
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  await db
    .insert(people)
    .values({ code: "gw-1", name: "Gert Wetenschapper", role: "gedragswetenschapper", teamId: 1, fte: 1 });
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
});
afterAll(async () => close());

const toCrt = {
  zaaknummer: "H-1",
  kind: "regulier_crt",
  toTeam: "CRT",
  reason: "geen_capaciteit",
  warm: "niet_nodig",
  checks: ALL_CHECKS,
};

describe("requesting a handover", () => {
  it("regular team → CRT needs a kernbeslissing first", async () => {
    const e = fail(await requestHandover(ctx, who["pb-reg"]!, toCrt));
    expect(e.fields?.kind).toContain("kernbeslissing");
  });

  it("and an ARIJ no older than 8 weeks at that kernbesluit", async () => {
    ok(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "H-1",
        date: TODAY,
        contactFrequencyWeeks: 4,
        gw: "gw-1",
      }),
    );
    const e = fail(await requestHandover(ctx, who["pb-reg"]!, toCrt));
    expect(e.fields?.kind).toContain("ARIJ");
  });

  it.each([
    [{ checks: ["plan"] }, "checks", "zaaksysteem"],
    [{ warm: "gepland" }, "warmOn", "datum"],
    [{ toTeam: "REG" }, "toTeam", "Kies het CRT"],
    [{ reason: "ziekte" }, "reason", "past"],
    [{ kind: "crt_regulier" }, "kind", "is bij een regulier team"],
  ])("refuses %o at %s", async (change, field, words) => {
    ok(
      await recordArij(ctx, who["jb-reg"]!, {
        zaaknummer: "H-1",
        date: "2026-05-08",
        risk: "laag",
        reason: "kernbesluit",
      }),
    );
    const e = fail(await requestHandover(ctx, who["pb-reg"]!, { ...toCrt, ...change }));
    expect(e.fields?.[field]).toContain(words);
  });

  it("only the PB of the sending team may request", async () => {
    expect(fail(await requestHandover(ctx, who["jb-reg"]!, toCrt)).code).toBe("forbidden");
    expect(fail(await requestHandover(ctx, who["pb-crt"]!, toCrt)).code).toBe("forbidden");
  });

  it("requests, tells the receiving PB, and allows no second open handover", async () => {
    const r = ok(await requestHandover(ctx, who["pb-reg"]!, toCrt));
    const [dm] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `handover:${r.handoverId}:request`));
    expect(dm).toMatchObject({
      recipientId: who["pb-crt"]!.personId,
      payload: { type: "handover_request", zaaknummer: "H-1" },
    });
    const e = fail(await requestHandover(ctx, who["pb-reg"]!, toCrt));
    expect(e.fields?.kind).toContain("loopt al");
  });
});

describe("deciding", () => {
  it("only the receiving PB decides", async () => {
    const [h] = await db.select().from(notifications).where(eq(notifications.kind, "handover"));
    const id = (h!.payload as { handoverId: number }).handoverId;
    expect(fail(await decideHandover(ctx, who["pb-reg"]!, { handoverId: id, decision: "accept" })).code).toBe(
      "forbidden",
    );
  });

  it("two PBs pressing Accepteren at once: one handover, the other is told", async () => {
    await db
      .insert(people)
      .values({ code: "pb-crt-2", name: "Pieter Tweede", role: "praktijkbegeleider", teamId: 3, fte: 1 });
    const [second] = await db.select().from(people).where(eq(people.code, "pb-crt-2"));
    const [h] = await db.select().from(notifications).where(eq(notifications.kind, "handover"));
    const id = (h!.payload as { handoverId: number }).handoverId;
    const results = await Promise.all([
      decideHandover(ctx, who["pb-crt"]!, { handoverId: id, decision: "accept", owner: "ajb-crt" }),
      decideHandover(ctx, { personId: second!.id, via: "test" }, { handoverId: id, decision: "accept" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error).toMatchObject({ code: "conflict" });
    expect(refused && !refused.ok && refused.error.message).toContain("al afgehandeld");
  });

  it("the accepted case is on the CRT, with history, and its reminders go to the new owner", async () => {
    const card = ok(await showCase(ctx, who["pb-crt"]!, { zaaknummer: "H-1" }));
    expect(card).toMatchObject({ phase: "crt", team: { code: "CRT" } });
    expect(card.handovers).toMatchObject([
      { kind: "regulier_crt", status: "geaccepteerd", from: "REG", to: "CRT" },
    ]);
    // Last face-to-face contact 4 May + the kernbeslissing's 4 weeks = 1 June; vooraf 5 werkdagen
    // before (25 May is tweede Pinksterdag) = Friday 22 May.
    const planned = await planReminders(db, testContext(db, "2026-05-22"), "2026-05-22");
    const contact = planned.find((p) => p.zaaknummer === "H-1" && p.kind === "contact");
    const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, "H-1"));
    const [owner] = await db.select().from(people).where(eq(people.id, row!.ownerId!));
    expect(owner?.code).toBe("ajb-crt");
    expect(contact).toMatchObject({ recipient: owner?.code, due: "2026-06-01", stage: "vooraf" });
    const steps = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, row!.id)));
    expect(steps.map((s) => s.action)).toEqual(
      expect.arrayContaining(["overdracht_aangevraagd", "overdracht_geaccepteerd"]),
    );
  });

  it("a rejection tells the requester why", async () => {
    ok(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "H-3",
        date: TODAY,
        contactFrequencyWeeks: 6,
        gw: "gw-1",
      }),
    );
    const r = ok(await requestHandover(ctx, who["pb-reg"]!, { ...toCrt, zaaknummer: "H-3" }));
    ok(
      await decideHandover(ctx, who["pb-crt"]!, {
        handoverId: r.handoverId,
        decision: "reject",
        reason: "geen_capaciteit",
      }),
    );
    const [told] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `handover:${r.handoverId}:rejected`));
    expect(told?.recipientId).toBe(who["pb-reg"]!.personId);
    // What the requester reads: the reason in words.
    expect(JSON.stringify(renderPayload(told?.payload as Payload))).toContain(
      "Geen capaciteit in het ontvangende team",
    );
    const card = ok(await showCase(ctx, who["pb-reg"]!, { zaaknummer: "H-3" }));
    expect(card).toMatchObject({ phase: "regulier", team: { code: "REG" } });
  });

  it("terugstroom CRT → regular team needs the receiving PB to name the vaste jeugdbeschermer", async () => {
    const r = ok(
      await requestHandover(ctx, who["pb-crt"]!, {
        ...toCrt,
        zaaknummer: "H-2",
        kind: "crt_regulier",
        toTeam: "REG",
        reason: "capaciteit",
      }),
    );
    expect(
      fail(await decideHandover(ctx, who["pb-reg"]!, { handoverId: r.handoverId, decision: "accept" })).fields
        ?.owner,
    ).toBeTruthy();
    ok(
      await decideHandover(ctx, who["pb-reg"]!, {
        handoverId: r.handoverId,
        decision: "accept",
        owner: "jb-reg",
      }),
    );
    const card = ok(await showCase(ctx, who["pb-reg"]!, { zaaknummer: "H-2" }));
    expect(card).toMatchObject({ phase: "regulier", owner: { code: "jb-reg" } });
  });
});

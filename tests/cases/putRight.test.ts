import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, submitForm } from "../../commands/dispatch.ts";
import type { Db } from "../../db/client.ts";
import { auditLog, cases, contacts, deadlines, handovers, notifications, people } from "../../db/schema.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import { type Actor, type CaseContext, loadActingPerson } from "../../src/cases/context.ts";
import { overridePriority } from "../../src/cases/overridePriority.ts";
import {
  closeCase,
  removeOverride,
  reopenCase,
  voidRecord,
  withdrawHandover,
} from "../../src/cases/putRight.ts";
import { recordContact } from "../../src/cases/recordContact.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { requestHandover } from "../../src/cases/requestHandover.ts";
import type { Result } from "../../src/cases/result.ts";
import { triageCase } from "../../src/cases/triageCase.ts";
import { listWerkvoorraad } from "../../src/cases/werkvoorraad.ts";
import { HANDOVER_CHECKS } from "../../src/domain/handover.ts";
import type { Message, Reply, SubmitReply } from "../../src/ui/view.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 11 item 6: everything can be put right — with a reason from a list, an audit row and
// recomputed deadlines; nothing is ever deleted.

const TODAY = "2026-05-11";
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
V-1;ots;2025-09-01;regulier;REG;jb-reg;2026-03-02;2026-03-02;laag
V-2;ots;2025-09-01;crt;CRT;;2026-03-02;2026-03-02;laag`;

let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;
const who: Record<string, Actor> = {};
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const fail = <T>(r: Result<T>) => {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};
const contactDue = async (z: string) =>
  ok(await showCase(ctx, who["pb-reg"]!, { zaaknummer: z })).deadlines.find((d) => d.kind === "contact")?.due;
const actions = async (z: string) => {
  const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, z));
  return (await db.select().from(auditLog).where(eq(auditLog.caseId, row!.id))).map((a) => a.action);
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

describe("voiding a record", () => {
  it("a voided contact stays, marked, and the deadline falls back", async () => {
    expect(await contactDue("V-1")).toBe("2026-06-02");
    ok(
      await recordContact(ctx, who["jb-reg"]!, {
        zaaknummer: "V-1",
        date: "2026-05-08",
        kind: "kind_face_to_face",
        newConcerns: false,
      }),
    );
    expect(await contactDue("V-1")).toBe("2026-08-10");
    const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, "V-1"));
    const [mine] = (await db.select().from(contacts).where(eq(contacts.caseId, row!.id))).filter(
      (c) => c.date === "2026-05-08",
    );
    expect(
      fail(
        await voidRecord(ctx, who["jb-reg"]!, {
          zaaknummer: "V-1",
          record: "contact",
          id: mine!.id,
          reason: "x",
        }),
      ).fields?.reason,
    ).toContain("lijst");
    ok(
      await voidRecord(ctx, who["jb-reg"]!, {
        zaaknummer: "V-1",
        record: "contact",
        id: mine!.id,
        reason: "verkeerde_datum",
      }),
    );
    expect(await contactDue("V-1")).toBe("2026-06-02");
    const [kept] = await db.select().from(contacts).where(eq(contacts.id, mine!.id));
    expect(kept).toMatchObject({ voidReason: "verkeerde_datum", voidedById: who["jb-reg"]!.personId });
    expect(await actions("V-1")).toContain("contact_vervallen");
    expect(
      fail(
        await voidRecord(ctx, who["jb-reg"]!, {
          zaaknummer: "V-1",
          record: "contact",
          id: mine!.id,
          reason: "dubbel",
        }),
      ).fields?.id,
    ).toContain("al vervallen");
  });

  it("a voided kernbeslissing no longer sets the contact frequency", async () => {
    ok(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "V-1",
        date: TODAY,
        contactFrequencyWeeks: 4,
        gw: "gw-1",
      }),
    );
    expect(await contactDue("V-1")).toBe("2026-03-30");
    const card = ok(await showCase(ctx, who["pb-reg"]!, { zaaknummer: "V-1" }));
    expect(card.kernbeslissing?.contactFrequencyWeeks).toBe(4);
    const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, "V-1"));
    const { kernbeslissingen } = await import("../../db/schema.ts");
    const [kb] = await db.select().from(kernbeslissingen).where(eq(kernbeslissingen.caseId, row!.id));
    ok(
      await voidRecord(ctx, who["gw-1"]!, {
        zaaknummer: "V-1",
        record: "kernbeslissing",
        id: kb!.id,
        reason: "verkeerde_zaak",
      }),
    );
    expect(await contactDue("V-1")).toBe("2026-06-02");
    expect(ok(await showCase(ctx, who["pb-reg"]!, { zaaknummer: "V-1" })).kernbeslissing).toBeNull();
  });
});

describe("withdrawing a handover", () => {
  it("only its requester withdraws it; the receiving PB is told; a new request is possible", async () => {
    ok(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "V-1",
        date: TODAY,
        contactFrequencyWeeks: 6,
        gw: "gw-1",
      }),
    );
    const { recordArij } = await import("../../src/cases/recordArij.ts");
    ok(
      await recordArij(ctx, who["jb-reg"]!, {
        zaaknummer: "V-1",
        date: TODAY,
        risk: "laag",
        reason: "kernbesluit",
      }),
    );
    const request = {
      zaaknummer: "V-1",
      kind: "regulier_crt",
      toTeam: "CRT",
      reason: "geen_capaciteit",
      warm: "niet_nodig",
      checks: Object.keys(HANDOVER_CHECKS),
    };
    const r = ok(await requestHandover(ctx, who["pb-reg"]!, request));
    expect(
      fail(await withdrawHandover(ctx, who["pb-crt"]!, { handoverId: r.handoverId, reason: "vergissing" }))
        .code,
    ).toBe("forbidden");
    ok(
      await withdrawHandover(ctx, who["pb-reg"]!, { handoverId: r.handoverId, reason: "situatie_veranderd" }),
    );
    const [h] = await db.select().from(handovers).where(eq(handovers.id, r.handoverId));
    expect(h?.status).toBe("ingetrokken");
    const [told] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `handover:${r.handoverId}:withdrawn`));
    expect(told?.recipientId).toBe(who["pb-crt"]!.personId);
    expect(await actions("V-1")).toContain("overdracht_ingetrokken");
    ok(await requestHandover(ctx, who["pb-reg"]!, request));
  });
});

describe("overrides and closing", () => {
  it("a PB removes a priority override and the computed class counts again", async () => {
    ok(
      await triageCase(ctx, who["pb-crt"]!, {
        zaaknummer: "V-2",
        arijRisk: "laag",
        helpInPlace: true,
        regularTeamHasRoom: false,
      }),
    );
    ok(
      await overridePriority(ctx, who["pb-crt"]!, {
        zaaknummer: "V-2",
        priorityClass: "A",
        reason: "signaal_ketenpartner",
      }),
    );
    expect(ok(await showCase(ctx, who["pb-crt"]!, { zaaknummer: "V-2" })).priority?.priorityClass).toBe("A");
    expect(fail(await removeOverride(ctx, who["ajb-crt"]!, { zaaknummer: "V-2" })).code).toBe("forbidden");
    ok(await removeOverride(ctx, who["pb-crt"]!, { zaaknummer: "V-2" }));
    const card = ok(await showCase(ctx, who["pb-crt"]!, { zaaknummer: "V-2" }));
    expect(card.priority).toMatchObject({ priorityClass: "D", override: null });
    const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, "V-2"));
    expect(row?.priorityClass).toBe("D");
    expect(await actions("V-2")).toContain("prioriteit_aanpassing_ingetrokken");
  });

  it("afsluiten with a reason from the list takes the case off every list; heropenen brings it back", async () => {
    expect(
      fail(await closeCase(ctx, who["pb-crt"]!, { zaaknummer: "V-2", reason: "klaar" })).fields?.reason,
    ).toContain("lijst");
    ok(await closeCase(ctx, who["pb-crt"]!, { zaaknummer: "V-2", reason: "maatregel_beeindigd" }));
    const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, "V-2"));
    expect(row).toMatchObject({ phase: "afgesloten", closedReason: "maatregel_beeindigd" });
    expect(await db.select().from(deadlines).where(eq(deadlines.caseId, row!.id))).toEqual([]);
    expect(
      ok(await listWerkvoorraad(ctx, { team: "CRT" }, null)).entries.map((e) => e.zaaknummer),
    ).not.toContain("V-2");
    ok(await reopenCase(ctx, who["pb-crt"]!, { zaaknummer: "V-2", reason: "ten_onrechte_afgesloten" }));
    expect(ok(await listWerkvoorraad(ctx, { team: "CRT" }, null)).entries.map((e) => e.zaaknummer)).toContain(
      "V-2",
    );
    expect((await db.select().from(deadlines).where(eq(deadlines.caseId, row!.id))).length).toBeGreaterThan(
      0,
    );
    expect(await actions("V-2")).toEqual(expect.arrayContaining(["zaak_afgesloten", "zaak_heropend"]));
  });
});

describe("putting right from the chat", () => {
  const reply = (r: Reply | SubmitReply): Message => {
    if (r.kind !== "message") throw new Error(`expected a message, got ${JSON.stringify(r)}`);
    return r.message;
  };
  const button = (m: Message, label: string) =>
    m.blocks.flatMap((b) => (b.type === "actions" ? b.actions : [])).find((a) => a.label === label);

  it("a contact's confirmation carries 'Ongedaan maken', which voids it", async () => {
    const jb = await loadActingPerson(db, who["jb-reg"]!.personId);
    const before = await contactDue("V-1");
    const confirmation = reply(
      await submitForm(
        ctx,
        jb,
        "test",
        "contact",
        { date: TODAY, kind: "kind_face_to_face", newConcerns: "nee" },
        "V-1",
      ),
    );
    expect(await contactDue("V-1")).not.toBe(before);
    const undo = button(confirmation, "Ongedaan maken");
    expect(undo).toBeTruthy();
    expect(JSON.stringify(reply(await runAction(ctx, jb, "test", undo!.id, undo!.value)))).toContain(
      "Ongedaan gemaakt",
    );
    expect(await contactDue("V-1")).toBe(before);
  });

  it("the case card offers Corrigeren and Afsluiten; Afsluiten asks a reason from the list", async () => {
    const pb = await loadActingPerson(db, who["pb-reg"]!.personId);
    const card = reply(await runAction(ctx, pb, "test", "zaak.open", "V-1"));
    expect(button(card, "Corrigeren")).toBeTruthy();
    const close = button(card, "Afsluiten")!;
    const form = await runAction(ctx, pb, "test", close.id, close.value);
    if (form.kind !== "form") throw new Error("expected the form");
    const reasons = form.form.fields.find((f) => f.id === "reason");
    expect(reasons && "options" in reasons ? reasons.options.map((o) => o.label) : []).toContain(
      "Overgedragen aan een andere GI",
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, submitForm } from "../../commands/dispatch.ts";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import { type Actor, type CaseContext, loadActingPerson } from "../../src/cases/context.ts";
import { decideHandover } from "../../src/cases/decideHandover.ts";
import { recordArij } from "../../src/cases/recordArij.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { registerCase } from "../../src/cases/registerCase.ts";
import { requestHandover } from "../../src/cases/requestHandover.ts";
import type { Result } from "../../src/cases/result.ts";
import { listWerkvoorraad } from "../../src/cases/werkvoorraad.ts";
import { HANDOVER_CHECKS } from "../../src/domain/handover.ts";
import type { Action, Form, Message, Reply, SubmitReply } from "../../src/ui/view.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Items 1 and 13 of issue 11: every route the triage advice gives can be followed from the case's
// phase, and every way into the CRT applies the CRT entry rule and sets phase crt.

const TODAY = "2026-05-11"; // Monday
const ALL_CHECKS = Object.keys(HANDOVER_CHECKS);
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico
W-1;ots;2025-09-01;regulier;REG;jb-reg;2026-05-04;2026-05-04;laag`;

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

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  ctx = testContext(db, TODAY);
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  await db.insert(people).values([
    { code: "gw-1", name: "Gert Wetenschapper", role: "gedragswetenschapper", teamId: 2, fte: 1 },
    { code: "ccp-1", name: "Cora Coördinator", role: "ccp", teamId: 2, fte: 1 },
  ]);
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
});
afterAll(async () => close());

async function as(code: string) {
  return loadActingPerson(db, who[code]!.personId);
}

const messageOf = (r: Reply | SubmitReply): Message => {
  if (r.kind !== "message") throw new Error(`expected a message, got ${JSON.stringify(r)}`);
  return r.message;
};
const formOf = (r: Reply | SubmitReply): Form => {
  if (r.kind !== "form") throw new Error(`expected a form, got ${JSON.stringify(r)}`);
  return r.form;
};
const actionsOf = (m: Message): Action[] => m.blocks.flatMap((b) => (b.type === "actions" ? b.actions : []));
const initial = (f: Form, id: string) => f.fields.find((x) => x.id === id)?.initial;

async function triageNew(zaaknummer: string, values: Record<string, string | string[]>) {
  const reply = await submitForm(
    ctx,
    await as("ccp-1"),
    "test",
    "triage",
    {
      zaaknummer,
      measure: "ots",
      receivedOn: "2026-05-08",
      team: "CCP",
      arijRisk: "onbekend",
      helpInPlace: "nee",
      ...values,
    },
    "",
  );
  return messageOf(reply);
}

const request = (zaaknummer: string, change: Record<string, unknown>) => ({
  zaaknummer,
  toTeam: "CRT",
  reason: "geen_capaciteit",
  warm: "niet_nodig",
  checks: ALL_CHECKS,
  ...change,
});

describe("the triage advice can be followed (item 1)", () => {
  it("no room: the CCP hands the case to the CRT after a kernbeslissing and ARIJ; the case lands on the werkvoorraad", async () => {
    const outcome = await triageNew("N-1", { regularTeamHasRoom: "nee" });
    const text = JSON.stringify(outcome);
    expect(text).toContain("Naar de werkvoorraad (CRT)");
    const actions = actionsOf(outcome);
    const labels = actions.map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(["Kernbeslissing vastleggen", "Overdragen aan CRT"]));

    // The button opens the handover form with kind and receiving team already chosen.
    const toCrt = actions.find((a) => a.label === "Overdragen aan CRT")!;
    const form = formOf(await runAction(ctx, await as("ccp-1"), "test", toCrt.id, toCrt.value));
    expect(initial(form, "kind")).toBe("regulier_crt");
    expect(initial(form, "toTeam")).toBe("CRT");
    const kb = actions.find((a) => a.label === "Kernbeslissing vastleggen")!;
    expect(formOf(await runAction(ctx, await as("gw-1"), "test", kb.id, kb.value)).id).toBe("kernbeslissing");

    // Without a kernbeslissing the rule of §8 refuses — but not because of the phase.
    const early = fail(await requestHandover(ctx, who["ccp-1"]!, request("N-1", { kind: "regulier_crt" })));
    expect(early.fields?.kind).toContain("kernbeslissing");
    expect(early.fields?.kind).not.toContain("fase");

    ok(
      await recordArij(ctx, who["ccp-1"]!, {
        zaaknummer: "N-1",
        date: TODAY,
        risk: "middelmatig",
        reason: "kernbesluit",
      }),
    );
    ok(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "N-1",
        date: TODAY,
        contactFrequencyWeeks: 4,
        gw: "gw-1",
      }),
    );
    const r = ok(await requestHandover(ctx, who["ccp-1"]!, request("N-1", { kind: "regulier_crt" })));
    ok(await decideHandover(ctx, who["pb-crt"]!, { handoverId: r.handoverId, decision: "accept" }));
    const card = ok(await showCase(ctx, who["pb-crt"]!, { zaaknummer: "N-1" }));
    expect(card).toMatchObject({ phase: "crt", team: { code: "CRT" } });
    const list = ok(await listWerkvoorraad(ctx, { team: "CRT" }, null));
    expect(list.entries.map((e) => e.zaaknummer)).toContain("N-1");
  });

  it("room in a regular team: the button opens the CCP → regular team form for that team", async () => {
    const outcome = await triageNew("N-2", { regularTeamHasRoom: "ja" });
    const button = actionsOf(outcome).find((a) => a.label === "Overdragen aan regulier team");
    expect(button).toBeTruthy();
    const form = formOf(await runAction(ctx, await as("ccp-1"), "test", button!.id, button!.value));
    expect(initial(form, "kind")).toBe("ccp_regulier");
    expect(initial(form, "toTeam")).toBe("REG");
    const r = ok(
      await requestHandover(
        ctx,
        who["ccp-1"]!,
        request("N-2", { kind: "ccp_regulier", toTeam: "REG", toPerson: "jb-reg", reason: "capaciteit" }),
      ),
    );
    ok(await decideHandover(ctx, who["pb-reg"]!, { handoverId: r.handoverId, decision: "accept" }));
    expect(ok(await showCase(ctx, who["pb-reg"]!, { zaaknummer: "N-2" }))).toMatchObject({
      phase: "regulier",
      owner: { code: "jb-reg" },
    });
  });

  it("directe kind-onveiligheid: after veiligheidsafspraken both a vaste jeugdbeschermer and the CRT are offered", async () => {
    const outcome = await triageNew("N-3", { regularTeamHasRoom: "nee", crit_acuut: ["fysiek_geweld"] });
    expect(JSON.stringify(outcome)).toContain("Eerst veiligheid");
    const labels = actionsOf(outcome).map((a) => a.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Kernbeslissing vastleggen",
        "Overdragen aan CRT",
        "Overdragen aan regulier team",
      ]),
    );
  });
});

describe("every way into the CRT applies the same rule (item 13)", () => {
  it("a worker → worker handover into the CRT is decided by the CCP, needs the kernbeslissing and sets phase crt", async () => {
    const toCrt = request("W-1", { kind: "werker_werker", toPerson: "ajb-crt", reason: "vertrek" });
    // The regional PB cannot move a case into the CRT this way: the CCP with a GW decides (§8).
    expect(fail(await requestHandover(ctx, who["pb-reg"]!, toCrt)).code).toBe("forbidden");
    const refused = fail(await requestHandover(ctx, who["pb-ccp"]!, toCrt));
    expect(refused.fields?.kind).toContain("kernbeslissing");
    ok(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "W-1",
        date: TODAY,
        contactFrequencyWeeks: 6,
        gw: "gw-1",
      }),
    );
    const r = ok(await requestHandover(ctx, who["pb-ccp"]!, toCrt));
    ok(await decideHandover(ctx, who["pb-crt"]!, { handoverId: r.handoverId, decision: "accept" }));
    expect(ok(await showCase(ctx, who["pb-crt"]!, { zaaknummer: "W-1" }))).toMatchObject({
      phase: "crt",
      team: { code: "CRT" },
      owner: { code: "ajb-crt" },
    });
    const list = ok(await listWerkvoorraad(ctx, { team: "CRT" }, null));
    expect(list.entries.map((e) => e.zaaknummer)).toContain("W-1");
  });

  it("a new case is not registered straight into the CRT", async () => {
    const e = fail(
      await registerCase(ctx, who["pb-ccp"]!, {
        zaaknummer: "N-9",
        measure: "ots",
        receivedOn: TODAY,
        team: "CRT",
      }),
    );
    expect(e.fields?.team).toContain("CRT");
  });
});

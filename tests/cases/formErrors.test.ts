import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction } from "../../commands/dispatch.ts";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import { type Actor, type CaseContext, loadActingPerson } from "../../src/cases/context.ts";
import type { Result } from "../../src/cases/result.ts";
import { triageCase } from "../../src/cases/triageCase.ts";
import { renderModal } from "../../src/platforms/slack/blocks.ts";
import { formCard } from "../../src/platforms/teams/cards.ts";
import { kernbeslissingForms } from "../../src/ui/controls/kernbeslissing.ts";
import type { Form } from "../../src/ui/view.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 11 item 9: every form returns all its field errors at once; an out-of-range number is not
// "verplicht"; the reason list fits the kind; fields marked optional are optional.

const TODAY = "2026-05-11";
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar
E-1;ots;2026-05-04;regulier;REG;jb-reg
E-2;ots;2026-05-04;crt;CRT;`;

let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;
const who: Record<string, Actor> = {};
const fail = <T>(r: Result<T>) => {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  ctx = testContext(db, TODAY);
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
});
afterAll(async () => close());

describe("all field errors at once", () => {
  it("a triage of a new case with five bad fields names all five", async () => {
    const e = fail(
      await triageCase(ctx, who["pb-ccp"]!, {
        newCase: {
          zaaknummer: "E-1", // exists
          measure: "ots",
          receivedOn: "2026-06-01", // future
          rulingOn: "2026-06-02", // future
          team: "CCP",
          birthYears: [1990], // not a minor
        },
        arijRisk: "hoog",
        arijDate: "2026-07-01", // future
        helpInPlace: false,
        regularTeamHasRoom: false,
      }),
    );
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(
      ["arijDate", "birthYears", "receivedOn", "rulingOn", "zaaknummer"].sort(),
    );
  });

  it("the ARIJ date is optional, as the form says", async () => {
    const r = await triageCase(ctx, who["pb-ccp"]!, {
      zaaknummer: "E-1",
      arijRisk: "hoog",
      helpInPlace: false,
      regularTeamHasRoom: false,
    });
    expect(r.ok).toBe(true);
  });
});

describe("forms as platforms draw them", () => {
  const kb: Form = {
    id: kernbeslissingForms.kernbeslissing.id,
    title: "Kernbeslissing",
    submitLabel: "Opslaan",
    state: "E-1",
    fields: [
      {
        id: "weeks",
        kind: "number",
        label: "Minimale contactfrequentie (weken)",
        required: true,
        min: 1,
        max: 13,
      },
      {
        id: "checks",
        kind: "checkboxes",
        label: "Staat in het zaaksysteem",
        required: true,
        options: [{ value: "a", label: "A" }],
      },
      {
        id: "crit",
        kind: "checkboxes",
        label: "Criteria",
        required: false,
        options: [{ value: "b", label: "B" }],
      },
    ],
  };

  it("Teams: '0' in a number field is out of range, not 'verplicht'", () => {
    const json = JSON.stringify(formCard(kb));
    expect(json).toContain("Vul bij Minimale contactfrequentie (weken) een getal van 1 tot en met 13 in.");
    expect(json).not.toContain("Minimale contactfrequentie (weken) is verplicht");
  });

  it("Slack and Teams mark a required checkbox group as required, an optional one as optional", () => {
    const modal = renderModal(kb) as { blocks: { block_id: string; optional?: boolean }[] };
    const optional = (id: string) => modal.blocks.find((b) => b.block_id.startsWith(id))?.optional;
    expect(optional("checks")).toBe(false);
    expect(optional("crit")).toBe(true);
    const card = JSON.stringify(formCard(kb));
    expect(card).toMatch(/"id":"checks"[^}]*"isRequired":true/);
  });
});

describe("the reason list fits the kind", () => {
  it("a terugstroom button offers only terugstroom reasons; the CRT case offers only its kinds", async () => {
    const pb = await loadActingPerson(db, who["pb-crt"]!.personId);
    const reply = await runAction(
      ctx,
      pb,
      "test",
      "overdracht.open",
      JSON.stringify({ z: "E-2", k: "crt_regulier" }),
    );
    if (reply.kind !== "form") throw new Error("expected the form");
    const options = (id: string) => {
      const f = reply.form.fields.find((x) => x.id === id);
      return f && "options" in f ? f.options.map((o) => o.value) : [];
    };
    expect(options("reason")).toEqual(["directe_onveiligheid", "complexe_casus", "capaciteit"]);
    expect(options("kind")).toEqual(["crt_regulier", "werker_werker"]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, submitForm } from "../../commands/dispatch.ts";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import { type Actor, type CaseContext, loadActingPerson } from "../../src/cases/context.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { registerCase } from "../../src/cases/registerCase.ts";
import type { Result } from "../../src/cases/result.ts";
import { snoozeReminder } from "../../src/cases/snoozeReminder.ts";
import { triageCase } from "../../src/cases/triageCase.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 15 item 10: 0001-01-01 and 9999-12-31 were accepted, "0x4" was read as 4 weeks, the
// triage form's required ARIJ risk was checked only by the platform, and a NUL byte or a
// non-numeric id gave an error reference instead of an error at the field.

const TODAY = "2026-05-11";
const CASES = `zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar
W-1;ots;2026-05-04;regulier;REG;jb-reg
W-2;ots;2026-05-04;aangemeld;CCP;`;

let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;
const who: Record<string, Actor> = {};
const fields = <T>(r: Result<T>): Record<string, string> => {
  if (r.ok) throw new Error("expected a refusal");
  return r.error.fields ?? {};
};

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  ctx = testContext(db, TODAY);
  await importOrganisation(testContext(db, "2026-05-04"), CASES);
  for (const p of await db.select().from(people)) who[p.code] = { personId: p.id, via: "test" };
});
afterAll(async () => close());

const newCase = (over: Record<string, unknown>) => ({
  zaaknummer: "W-9",
  measure: "ots",
  receivedOn: "2026-05-01",
  team: "CCP",
  ...over,
});

describe("dates within a window", () => {
  it("refuses a receipt in year 1, an end in 9999 and a two-digit year, each at its field", async () => {
    const e = fields(
      await registerCase(
        ctx,
        who["pb-ccp"]!,
        newCase({ receivedOn: "0001-01-01", endDate: "9999-12-31", rulingOn: "0026-04-01" }),
      ),
    );
    expect(e.receivedOn).toMatch(/te ver terug/);
    expect(e.endDate).toMatch(/te ver vooruit/);
    expect(e.rulingOn).toMatch(/te ver terug/);
  });

  it("accepts an end date within five years, and refuses one just past it", async () => {
    // A voogdij has no legal end within a year, so only the window speaks.
    const voogdij = (endDate: string) => newCase({ measure: "voogdij", endDate });
    expect(fields(await registerCase(ctx, who["pb-ccp"]!, voogdij("2031-05-12"))).endDate).toMatch(
      /te ver vooruit/,
    );
    expect((await registerCase(ctx, who["pb-ccp"]!, voogdij("2031-05-11"))).ok).toBe(true);
  });
});

describe("numbers as people type them", () => {
  it("'0x4' is not 4 weeks, nor '4e0' or ' 4 weken'", async () => {
    for (const typed of ["0x4", "4e0", "4 weken", "0b100"]) {
      const e = fields(
        await recordKernbeslissing(ctx, who["jb-reg"]!, {
          zaaknummer: "W-1",
          date: TODAY,
          contactFrequencyWeeks: typed,
          gw: "pb-reg",
        }),
      );
      expect(e.contactFrequencyWeeks, typed).toBeDefined();
    }
  });

  it("a snooze of '0x2' workdays is refused at its field", async () => {
    const e = fields(
      await snoozeReminder(ctx, who["jb-reg"]!, {
        zaaknummer: "W-1",
        kind: "contact",
        due: TODAY,
        stage: "vandaag",
        workdays: "0x2",
        reason: Object.keys((await import("../../src/cases/snoozeReminder.ts")).SNOOZE_REASONS)[0],
      }),
    );
    expect(e.workdays).toBeDefined();
  });
});

describe("the triage form's required fields on the server", () => {
  it("a triage without the ARIJ risk is refused at that field", async () => {
    const e = fields(
      await triageCase(ctx, who["pb-ccp"]!, {
        zaaknummer: "W-2",
        helpInPlace: false,
        regularTeamHasRoom: false,
      }),
    );
    expect(e.arijRisk).toBeDefined();
  });
});

describe("bytes a database cannot store, and ids that are no numbers", () => {
  it("a NUL byte in any field is an error at that field, not an error reference", async () => {
    const e = fields(await registerCase(ctx, who["pb-ccp"]!, newCase({ team: "CCP\u0000" })));
    expect(e.team).toMatch(/teken/);
    const z = fields(await registerCase(ctx, who["pb-ccp"]!, newCase({ zaaknummer: "W-9\u0000" })));
    expect(z.zaaknummer).toMatch(/teken/);
  });

  it("a form submitted with a NUL byte shows the error at the field", async () => {
    const person = await loadActingPerson(db, who["jb-reg"]!.personId);
    const reply = await submitForm(
      ctx,
      person,
      "test",
      "contact",
      { date: TODAY, kind: "kind_face_to_face\u0000", newConcerns: "nee" },
      "W-1",
    );
    expect(reply.kind).toBe("errors");
    if (reply.kind === "errors") expect(Object.keys(reply.errors)).toContain("kind");
  });

  it("a handover button with a non-numeric id says the handover is unknown, with no error reference", async () => {
    const person = await loadActingPerson(db, who["pb-reg"]!.personId);
    for (const value of ["abc", "1e3", "\u0000", "99999999999999999999"]) {
      const reply = await runAction(ctx, person, "test", "overdracht.accepteren", value);
      expect(reply.kind).toBe("message");
      if (reply.kind === "message") expect(JSON.stringify(reply.message), value).not.toContain("referentie");
    }
  });
});

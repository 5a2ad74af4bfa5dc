import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { DEFAULT_POLICY, resolvePolicy } from "../../src/domain/policy.ts";

const dir = mkdtempSync(join(tmpdir(), "zicht-policy-"));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("the organisation's policy file", () => {
  it("keeps the defaults of domain.md when there is no file", () => {
    const policy = loadConfig({}).policy;
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(policy.deadlines).toMatchObject({
      triageWorkdays: 2,
      eersteContactWorkdays: 5,
      arijMdoWorkdays: 14,
      planVanAanpakWeeks: 6,
    });
    expect(policy.caseloadNorm).toMatchObject({ regulier: 15, crt: 18 });
  });

  it("overrides only what the file names", () => {
    const path = file(
      "ok.json",
      JSON.stringify({ calendar: "legal", caseloadNorm: { regulier: 14.5 }, deadlines: { epbWeeks: 8 } }),
    );
    const policy = loadConfig({ ZICHT_POLICY_FILE: path }).policy;
    expect(policy.calendar).toBe("legal");
    expect(policy.caseloadNorm).toEqual({ regulier: 14.5, ccp: 15, crt: 18 });
    expect(policy.deadlines.epbWeeks).toBe(8);
    expect(policy.deadlines.contactMonths).toBe(3);
  });

  it("refuses to start on an invalid value, naming it", () => {
    const path = file("bad.json", JSON.stringify({ deadlines: { triageWorkdays: -1 }, calendar: "maan" }));
    expect(() => loadConfig({ ZICHT_POLICY_FILE: path })).toThrow(ConfigError);
    expect(() => loadConfig({ ZICHT_POLICY_FILE: path })).toThrow(/deadlines\.triageWorkdays/);
    expect(() => loadConfig({ ZICHT_POLICY_FILE: path })).toThrow(/calendar/);
  });

  it("refuses broken JSON, an unknown key and inconsistent class thresholds", () => {
    expect(() => loadConfig({ ZICHT_POLICY_FILE: file("broken.json", "{ nope") })).toThrow(ConfigError);
    expect(resolvePolicy({ kalender: "staff" })).toMatchObject({ ok: false });
    expect(resolvePolicy({ priority: { classB: 20, classC: 40 } })).toMatchObject({ ok: false });
  });

  it("refuses unknown keys at any depth and dates that do not exist (issue 11 items 7, 15)", () => {
    expect(resolvePolicy({ deadlines: { contactMonth: 1 } })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("contactMonth")],
    });
    expect(resolvePolicy({ priority: { arij: { hoogg: 1 } } })).toMatchObject({ ok: false });
    expect(resolvePolicy({ priority: { youngestChildAge: [{ maxAge: 3, punten: 2 }] } })).toMatchObject({
      ok: false,
    });
    expect(resolvePolicy({ extraHolidays: ["2026-02-30"] })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("extraHolidays")],
    });
    expect(resolvePolicy({ extraHolidays: ["2026-12-24"] })).toMatchObject({ ok: true });
  });

  it("holds the numbers that used to be in code, with the old values as defaults (item 15)", () => {
    expect(DEFAULT_POLICY.deadlines.contactFrequencyMaxWeeks).toBe(13);
    expect(DEFAULT_POLICY.digest.terugstroomCapacityMax).toBe(10);
    expect(DEFAULT_POLICY.reminders.listWorkdaysAhead).toBe(5);
    expect(resolvePolicy({ deadlines: { contactFrequencyMaxWeeks: 8 } })).toMatchObject({ ok: true });
    // A frequency may never loosen the contact norm: 14 weeks is more than 3 months.
    expect(resolvePolicy({ deadlines: { contactFrequencyMaxWeeks: 14 } })).toMatchObject({ ok: false });
  });

  it("refuses an invalid environment", () => {
    expect(() => loadConfig({ PORT: "negentig" })).toThrow(/PORT/);
    expect(() => loadConfig({ ZICHT_SWEEP_AT: "8 uur" })).toThrow(/ZICHT_SWEEP_AT/);
  });
});

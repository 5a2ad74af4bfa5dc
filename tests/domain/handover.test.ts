import { describe, expect, it } from "vitest";
import { crtEntryProblem, HANDOVER_REASONS, HANDOVER_RULES } from "../../src/domain/handover.ts";

describe("regular team → CRT entry rule", () => {
  it.each([
    ["no kernbeslissing", null, ["2026-04-01"], "kernbeslissing"],
    ["no ARIJ at all", { date: "2026-04-20" }, [], "ARIJ"],
    ["ARIJ 8 weeks + 1 day old", { date: "2026-04-20" }, ["2026-02-22"], "ARIJ"],
    ["ARIJ only after the kernbesluit", { date: "2026-04-20" }, ["2026-04-21"], "ARIJ"],
  ])("refuses with %s", (_why, kb, arij, words) => {
    expect(crtEntryProblem(kb, arij, 8)).toContain(words);
  });

  it.each([
    ["ARIJ exactly 8 weeks old", ["2026-02-23"]],
    ["ARIJ on the day itself", ["2026-04-20"]],
    ["an old and a fresh ARIJ", ["2025-01-01", "2026-04-01"]],
  ])("accepts with %s", (_why, arij) => {
    expect(crtEntryProblem({ date: "2026-04-20" }, arij, 8)).toBeNull();
  });

  it("terugstroom has the three reasons of domain.md §6, and only CRT → regular changes phase to regulier", () => {
    expect(Object.keys(HANDOVER_REASONS.crt_regulier)).toEqual([
      "directe_onveiligheid",
      "complexe_casus",
      "capaciteit",
    ]);
    expect(HANDOVER_RULES.crt_regulier).toMatchObject({
      fromPhase: "crt",
      toPhase: "regulier",
      ownerOnAccept: true,
    });
    expect(HANDOVER_RULES.regulier_crt).toMatchObject({ toPhase: "crt", ownerOnAccept: false });
  });
});

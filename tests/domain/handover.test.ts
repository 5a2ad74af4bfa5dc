import { describe, expect, it } from "vitest";
import {
  crtEntryProblem,
  HANDOVER_REASONS,
  HANDOVER_RULES,
  handoverRoute,
} from "../../src/domain/handover.ts";

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
      fromPhases: ["crt"],
      toPhase: "regulier",
      ownerOnAccept: true,
    });
    expect(HANDOVER_RULES.regulier_crt).toMatchObject({ toPhase: "crt", ownerOnAccept: false });
  });
});

describe("one route rule for every handover (issue 11 items 1, 13)", () => {
  it("the CCP can hand a triaged case to the CRT, with the entry rule", () => {
    expect(handoverRoute("regulier_crt", "Z-1", "ccp", "crt")).toEqual({
      ok: true,
      route: { toPhase: "crt", entersCrt: true, ownerOnAccept: false },
    });
  });

  it("worker → worker into the CRT enters phase crt and the entry rule; within a regular team it keeps the phase", () => {
    expect(handoverRoute("werker_werker", "Z-1", "regulier", "crt")).toMatchObject({
      route: { toPhase: "crt", entersCrt: true, ownerOnAccept: false },
    });
    expect(handoverRoute("werker_werker", "Z-1", "regulier", "regulier")).toMatchObject({
      route: { toPhase: "regulier", entersCrt: false, ownerOnAccept: true },
    });
    expect(handoverRoute("werker_werker", "Z-1", "crt", "crt")).toMatchObject({
      route: { toPhase: "crt", entersCrt: false },
    });
  });

  it("refuses in words, without phase ids", () => {
    const r = handoverRoute("crt_regulier", "Z-1", "ccp", "regulier");
    expect(r).toMatchObject({ ok: false, field: "kind" });
    expect(!r.ok && r.message).toBe("Deze soort overdracht past niet: zaak Z-1 is bij het CCP.");
    expect(handoverRoute("ccp_regulier", "Z-1", "aangemeld", "regulier")).toMatchObject({
      ok: false,
      message: "Zaak Z-1 is nog niet getriëerd. Triëer de zaak eerst.",
    });
    expect(handoverRoute("regulier_crt", "Z-1", "regulier", "regulier")).toMatchObject({
      ok: false,
      field: "toTeam",
    });
  });
});

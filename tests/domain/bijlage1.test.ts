import { describe, expect, it } from "vitest";
import {
  BIJLAGE1_CRITERIA,
  BIJLAGE1_GROUPS,
  checkDirectUnsafety,
  isBijlage1Criterion,
} from "../../src/domain/bijlage1.ts";

// Written out by hand from Bijlage 1 of 000_…: if a criterion is added, moved or dropped, this table must change too.
const EXPECTED: [id: string, group: string][] = [
  ["onvoldoende_zicht", "zicht"],
  ["fysiek_geweld", "acuut"],
  ["seksueel_misbruik", "acuut"],
  ["ernstige_verwaarlozing", "acuut"],
  ["ontvoering_eergerelateerd", "acuut"],
  ["weigering_acute_zorg", "acuut"],
  ["suicidedreiging_psychiatrie", "acuut"],
  ["huiselijk_geweld", "acuut"],
  ["geen_beschikbare_opvoeder", "acuut"],
  ["vrijheidsbeneming", "vrijheidsbeneming"],
  ["spoedplaatsing", "vrijheidsbeneming"],
  ["situatie_onbekend", "onbekend"],
];

describe("Bijlage 1 criteria", () => {
  it("has exactly the criteria of the source, in its order", () => {
    expect(BIJLAGE1_CRITERIA.map((c) => [c.id, c.group])).toEqual(EXPECTED);
  });

  it("has the four groups of the source", () => {
    expect(BIJLAGE1_GROUPS.map((g) => g.id)).toEqual(["zicht", "acuut", "vrijheidsbeneming", "onbekend"]);
  });

  it("keeps labels short enough for a checkbox option", () => {
    for (const c of BIJLAGE1_CRITERIA) {
      expect(c.label.length, c.id).toBeGreaterThan(0);
      expect(c.label.length, c.id).toBeLessThanOrEqual(75);
    }
  });

  it("words the sight criterion and the condition of vrijheidsbeneming as the source does", () => {
    const label = (id: string) => BIJLAGE1_CRITERIA.find((c) => c.id === id)?.label;
    expect(label("onvoldoende_zicht")).toBe(
      "Onvoldoende zicht op het kind (rekening houdend met de leeftijd)",
    );
    const zicht = BIJLAGE1_GROUPS.find((g) => g.id === "zicht");
    expect(zicht?.condition).toContain("gesloten, geïsoleerd systeem");
    const vrijheid = BIJLAGE1_GROUPS.find((g) => g.id === "vrijheidsbeneming");
    expect(vrijheid?.condition).toContain("direct gehandeld moet worden");
    expect(vrijheid?.condition).toContain("op straat");
    expect(vrijheid?.condition).toContain("onnodig lang");
  });

  it("mentions loverboy and bed, bad, brood in the labels", () => {
    const label = (id: string) => BIJLAGE1_CRITERIA.find((c) => c.id === id)?.label;
    expect(label("seksueel_misbruik")).toContain("loverboy");
    expect(label("ernstige_verwaarlozing")).toContain("bed, bad, brood");
  });
});

describe("checkDirectUnsafety", () => {
  it.each(EXPECTED)("%s alone means directe kind-onveiligheid (group %s)", (id, group) => {
    const result = checkDirectUnsafety([id]);
    expect(result.directUnsafe).toBe(true);
    expect(result.unknown).toEqual([]);
    expect(result.criteria).toHaveLength(1);
    expect(result.criteria[0]?.id).toBe(id);
    expect(result.criteria[0]?.group).toBe(group);
    expect(result.criteria[0]?.groupLabel).toBe(BIJLAGE1_GROUPS.find((g) => g.id === group)?.label);
  });

  it("without any criterion there is no directe kind-onveiligheid", () => {
    expect(checkDirectUnsafety([])).toEqual({ directUnsafe: false, criteria: [], unknown: [] });
  });

  it("reports unknown ids and does not count them as unsafety", () => {
    expect(checkDirectUnsafety(["boos_gezicht", "Fysiek_geweld"])).toEqual({
      directUnsafe: false,
      criteria: [],
      unknown: ["boos_gezicht", "Fysiek_geweld"],
    });
  });

  it("keeps known criteria next to unknown ones", () => {
    const result = checkDirectUnsafety(["onbestaand", "huiselijk_geweld"]);
    expect(result.directUnsafe).toBe(true);
    expect(result.criteria.map((c) => c.id)).toEqual(["huiselijk_geweld"]);
    expect(result.unknown).toEqual(["onbestaand"]);
  });

  it("lists several criteria once each, in Bijlage-1 order", () => {
    const result = checkDirectUnsafety(["situatie_onbekend", "fysiek_geweld", "situatie_onbekend"]);
    expect(result.criteria.map((c) => [c.id, c.group])).toEqual([
      ["fysiek_geweld", "acuut"],
      ["situatie_onbekend", "onbekend"],
    ]);
  });
});

describe("isBijlage1Criterion", () => {
  it("accepts every criterion id", () => {
    for (const [id] of EXPECTED) expect(isBijlage1Criterion(id)).toBe(true);
  });

  it("rejects group ids that are not criteria, and other strings", () => {
    expect(isBijlage1Criterion("acuut")).toBe(false);
    expect(isBijlage1Criterion("zicht")).toBe(false);
    expect(isBijlage1Criterion("")).toBe(false);
    expect(isBijlage1Criterion("toString")).toBe(false);
  });
});

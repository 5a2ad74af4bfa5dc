import { describe, expect, it } from "vitest";
import {
  checkNote,
  checkZaaknummer,
  DEFAULT_ZAAKNUMMER_PATTERN,
  type PrivacyProblem,
  passesElevenTest,
  privacyMessage,
} from "../../src/domain/privacy.ts";
import { forbiddenNotes, validBsns } from "../support/privacyValues.ts";

describe("zaaknummer guard", () => {
  it.each([
    ["2026-0123", null],
    ["OTS-2026-17", null],
    ["JB/2026/0042", null],
    ["H-1", null],
    ["111222333", "zaaknummer_bsn"],
    ["Z-111222333", "zaaknummer_bsn"],
    ["2026-11122233", null],
    ["JanDeVries", "zaaknummer_no_digit"],
    ["Jan de Vries", "zaaknummer_no_digit"],
    ["JanDeVries1", "zaaknummer_format"],
    ["Z 9", "zaaknummer_format"],
  ])("%s → %s", (value, problem) => {
    expect(checkZaaknummer(value)).toBe(problem);
  });

  it("the 11-proef: 8 digits count as 9 with a leading zero", () => {
    expect(passesElevenTest("111222333")).toBe(true);
    expect(passesElevenTest("111222334")).toBe(false);
    expect(passesElevenTest("12345672")).toBe(passesElevenTest("012345672"));
  });

  it("every generated BSN is refused as zaaknummer, alone or inside one", () => {
    const bsns = validBsns(300);
    expect(bsns.length).toBe(300);
    for (const bsn of bsns) {
      expect(checkZaaknummer(bsn)).toBe("zaaknummer_bsn");
      expect(checkZaaknummer(`ZK-${bsn}`)).toBe("zaaknummer_bsn");
    }
  });

  it("the organisation's pattern applies on top, and never lets a BSN or a name through", () => {
    const strict = "^\\d{4}-\\d{4}$";
    expect(checkZaaknummer("2026-0123", strict)).toBeNull();
    expect(checkZaaknummer("H-1", strict)).toBe("zaaknummer_format");
    expect(checkZaaknummer("111222333", ".*")).toBe("zaaknummer_bsn");
    expect(checkZaaknummer("Jan", ".*")).toBe("zaaknummer_no_digit");
    expect(new RegExp(DEFAULT_ZAAKNUMMER_PATTERN).test("2026-0123")).toBe(true);
  });
});

describe("short note guard", () => {
  it.each([
    "Besproken in het MDO",
    "Wacht op rapport van de Raad",
    "Veiligheidsplan werkt, 2 huisbezoeken per week",
    "Zaak 2026-0123 loopt mee",
    "Weektaak 12, prioriteit per 3 weken",
  ])("allows %s", (note) => {
    expect(checkNote(note)).toBeNull();
  });

  it("refuses a note over 140 characters", () => {
    expect(checkNote("a".repeat(141))).toBe("note_too_long");
    expect(checkNote("a".repeat(140))).toBeNull();
  });

  it("refuses every forbidden pattern, also among a few hundred generated values", () => {
    const all = forbiddenNotes();
    expect(all.length).toBeGreaterThan(300);
    for (const [kind, note] of all) expect(checkNote(note), `${kind}: ${note}`).toBe(kind);
  });

  it("the issue's example is refused", () => {
    expect(checkNote("Vader Jan de Vries (BSN 123456782, Dorpsstraat 4) dreigt met geweld")).not.toBeNull();
  });

  it("messages name the field, say why in Dutch, and never repeat the value", () => {
    for (const [kind, note] of forbiddenNotes()) {
      const message = privacyMessage(kind as PrivacyProblem, "Notitie");
      expect(message.startsWith("Notitie:")).toBe(true);
      expect(message).not.toContain(note);
    }
  });
});

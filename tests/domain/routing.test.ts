import { describe, expect, it } from "vitest";
import { adviseRouting } from "../../src/domain/routing.ts";

const KERNBESLISSING =
  "Leg eerst met een jeugdbeschermer van het reguliere team en een gedragswetenschapper de minimale contactfrequentie vast in een kernbeslissing.";

describe("adviseRouting", () => {
  it.each([
    [true, true, "veiligheid_eerst"],
    [true, false, "veiligheid_eerst"],
    [false, true, "regulier"],
    [false, false, "crt"],
  ] as const)("directUnsafe=%s, room=%s → %s", (directUnsafe, regularTeamHasRoom, advice) => {
    expect(adviseRouting({ directUnsafe, regularTeamHasRoom }).advice).toBe(advice);
  });

  it("directe kind-onveiligheid: safety agreements with family and network come before anything else", () => {
    const r = adviseRouting({ directUnsafe: true, regularTeamHasRoom: true });
    expect(r.title).toBe("Eerst veiligheid: directe kind-onveiligheid wegnemen");
    expect(r.steps).toEqual([
      "Breng de directe kind-onveiligheid in beeld.",
      "Maak veiligheidsafspraken met het gezin en het sociale en professionele netwerk.",
      "Bepaal daarna met een gedragswetenschapper: zo snel mogelijk een vaste jeugdbeschermer, of het CRT.",
      "Een regulier team heeft ruimte: koppel zo snel mogelijk een vaste jeugdbeschermer.",
    ]);
  });

  it("directe kind-onveiligheid without room: the CRT steps, kernbeslissing first, follow the safety agreements", () => {
    const r = adviseRouting({ directUnsafe: true, regularTeamHasRoom: false });
    expect(r.steps[1]).toBe(
      "Maak veiligheidsafspraken met het gezin en het sociale en professionele netwerk.",
    );
    expect(r.steps.indexOf(KERNBESLISSING)).toBe(4);
    expect(r.steps).toHaveLength(7);
  });

  it("no unsafety and room: a vaste jeugdbeschermer in the regular team, no kernbeslissing needed", () => {
    const r = adviseRouting({ directUnsafe: false, regularTeamHasRoom: true });
    expect(r.title).toBe("Naar een regulier team");
    expect(r.steps).toEqual([
      "Kies het reguliere team met ruimte.",
      "Koppel een vaste jeugdbeschermer aan de zaak.",
      "De vaste jeugdbeschermer plant het eerste face-to-face contact binnen de termijn.",
    ]);
    expect(r.steps).not.toContain(KERNBESLISSING);
  });

  it("no unsafety and no room: CRT, with the kernbeslissing as the very first step", () => {
    const r = adviseRouting({ directUnsafe: false, regularTeamHasRoom: false });
    expect(r.title).toBe("Naar de werkvoorraad (CRT)");
    expect(r.steps).toEqual([
      KERNBESLISSING,
      "Zorg bij die kernbeslissing voor een actuele ARIJ.",
      "Draag de zaak over aan de praktijkbegeleider van het CRT (vanuit een regio doet de praktijkbegeleider van de regio dat).",
      "Het CRT houdt zicht op de veiligheid tot er een vaste jeugdbeschermer vrij is.",
    ]);
  });

  it("every step is a short sentence", () => {
    for (const directUnsafe of [true, false]) {
      for (const regularTeamHasRoom of [true, false]) {
        for (const step of adviseRouting({ directUnsafe, regularTeamHasRoom }).steps) {
          expect(step).toMatch(/^[A-Z].*\.$/);
          expect(step.length).toBeLessThanOrEqual(160);
        }
      }
    }
  });
});

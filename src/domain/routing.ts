// Routing advice of the CCP step plan (000_…, domain.md §4). It is advice: the CCP decides with a
// gedragswetenschapper. The steps are what the people must do next, in the order the plan prescribes.

export type RoutingAdvice = "veiligheid_eerst" | "regulier" | "crt";

export interface RoutingInput {
  directUnsafe: boolean;
  regularTeamHasRoom: boolean;
}

/** A destination the people may choose after this advice: a regular team or the CRT. */
export type RouteTarget = "regulier" | "crt";

export interface Routing {
  advice: RoutingAdvice;
  title: string;
  steps: string[];
  /** The destinations the advice leaves open, the advised one first. */
  routes: RouteTarget[];
}

// The plan requires this before any case reaches the werkvoorraad, also after safety agreements.
const KERNBESLISSING_STEP =
  "Leg eerst met een jeugdbeschermer van het reguliere team en een gedragswetenschapper de minimale contactfrequentie vast in een kernbeslissing.";
const ARIJ_STEP = "Zorg bij die kernbeslissing voor een actuele ARIJ.";
const HANDOVER_STEP =
  "Draag de zaak over aan de praktijkbegeleider van het CRT (vanuit een regio doet de praktijkbegeleider van de regio dat).";

export function adviseRouting({ directUnsafe, regularTeamHasRoom }: RoutingInput): Routing {
  if (directUnsafe) {
    return {
      advice: "veiligheid_eerst",
      title: "Eerst veiligheid: directe kind-onveiligheid wegnemen",
      steps: [
        "Breng de directe kind-onveiligheid in beeld.",
        "Maak veiligheidsafspraken met het gezin en het sociale en professionele netwerk.",
        "Bepaal daarna met een gedragswetenschapper: zo snel mogelijk een vaste jeugdbeschermer, of het CRT.",
        regularTeamHasRoom
          ? "Een regulier team heeft ruimte: koppel zo snel mogelijk een vaste jeugdbeschermer."
          : "Geen regulier team heeft ruimte: kies je het CRT, volg dan de stappen voor de werkvoorraad.",
        ...(regularTeamHasRoom ? [] : [KERNBESLISSING_STEP, ARIJ_STEP, HANDOVER_STEP]),
      ],
      // After veiligheidsafspraken the CCP with a GW decides: vaste jeugdbeschermer or CRT.
      routes: regularTeamHasRoom ? ["regulier", "crt"] : ["crt", "regulier"],
    };
  }
  if (regularTeamHasRoom) {
    return {
      advice: "regulier",
      title: "Naar een regulier team",
      steps: [
        "Kies het reguliere team met ruimte.",
        "Koppel een vaste jeugdbeschermer aan de zaak.",
        "De vaste jeugdbeschermer plant het eerste face-to-face contact binnen de termijn.",
      ],
      routes: ["regulier"],
    };
  }
  return {
    advice: "crt",
    title: "Naar de werkvoorraad (CRT)",
    steps: [
      KERNBESLISSING_STEP,
      ARIJ_STEP,
      HANDOVER_STEP,
      "Het CRT houdt zicht op de veiligheid tot er een vaste jeugdbeschermer vrij is.",
    ],
    routes: ["crt"],
  };
}

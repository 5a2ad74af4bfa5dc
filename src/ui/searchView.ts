import type { Measure } from "../domain/types.ts";
import { button } from "./control.ts";
import { zaakButtons } from "./controls/zaak.ts";
import { MEASURE_LABEL } from "./labels.ts";
import { type Message, message } from "./view.ts";

// A case found by search, as it may travel into any conversation: only what a channel may show
// (zaaknummer, measure, team) and a button that answers the presser privately.

export interface FoundCase {
  zaaknummer: string;
  measure: Measure;
  teamName: string;
}

export const foundCaseLine = (c: FoundCase) => `${MEASURE_LABEL[c.measure]} · ${c.teamName}`;

export function foundCaseMessage(c: FoundCase): Message {
  return message(`Zaak ${c.zaaknummer}`, [
    { type: "heading", text: `Zaak ${c.zaaknummer}` },
    { type: "text", text: foundCaseLine(c) },
    { type: "actions", actions: [button(zaakButtons.open, "Zaakkaart", c.zaaknummer)] },
    { type: "context", text: "De zaakkaart komt in je eigen chat met Zicht." },
  ]);
}

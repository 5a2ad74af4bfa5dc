import { HANDOVER_REASONS, type HandoverKind } from "../domain/handover.ts";
import { dutchDate } from "./caseViews.ts";
import { type Message, message } from "./view.ts";

export const HANDOVER_KIND_LABEL: Record<HandoverKind, string> = {
  regulier_crt: "regulier team → CRT",
  crt_regulier: "CRT → regulier team (terugstroom)",
  ccp_regulier: "CCP → regulier team (na de planfase)",
  werker_werker: "jeugdbeschermer → jeugdbeschermer",
};

const WARM_LABEL = { gepland: "gepland", gedaan: "gedaan", niet_nodig: "niet nodig" } as const;

export interface HandoverRequestPayload {
  type: "handover_request";
  handoverId: number;
  zaaknummer: string;
  kind: HandoverKind;
  from: string;
  to: string;
  reason: string;
  requestedBy: string;
  warm: keyof typeof WARM_LABEL;
  warmOn: string | null;
}

/** The DM to the receiving PB, with the two decisions as buttons. */
export function handoverRequestMessage(p: HandoverRequestPayload): Message {
  return message(`Overdracht van zaak ${p.zaaknummer} gevraagd`, [
    { type: "heading", text: `Overdracht zaak ${p.zaaknummer}` },
    {
      type: "fields",
      fields: [
        { label: "Soort", value: HANDOVER_KIND_LABEL[p.kind] },
        { label: "Van → naar", value: `${p.from} → ${p.to}` },
        { label: "Reden", value: HANDOVER_REASONS[p.kind][p.reason] ?? p.reason },
        { label: "Aangevraagd door", value: p.requestedBy },
        {
          label: "Warme overdracht",
          value: `${WARM_LABEL[p.warm]}${p.warmOn ? ` (${dutchDate(p.warmOn)})` : ""}`,
        },
      ],
    },
    {
      type: "actions",
      actions: [
        { id: "overdracht.accepteren", label: "Accepteren", value: String(p.handoverId), style: "primary" },
        { id: "overdracht.afwijzen", label: "Afwijzen", value: String(p.handoverId), style: "danger" },
        { id: "zaak.open", label: "Zaakkaart", value: p.zaaknummer },
      ],
    },
  ]);
}

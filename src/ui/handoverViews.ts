import type { HandoverRequestPayload } from "../cases/payloads.ts";
import { dutchDate } from "../domain/dates.ts";
import { HANDOVER_REASONS, type HandoverKind } from "../domain/handover.ts";
import { button } from "./control.ts";
import { type HandoverPrefillValue, overdrachtButtons } from "./controls/overdracht.ts";
import { zaakButtons } from "./controls/zaak.ts";
import { type Action, type Message, message } from "./view.ts";

export const HANDOVER_KIND_LABEL: Record<HandoverKind, string> = {
  regulier_crt: "regulier team of CCP → CRT",
  crt_regulier: "CRT → regulier team (terugstroom)",
  ccp_regulier: "CCP → regulier team (na de planfase)",
  werker_werker: "jeugdbeschermer → jeugdbeschermer",
};

/** What an "Overdracht" button opens: the case, and what the form has already chosen. */
export interface HandoverPrefill {
  zaaknummer: string;
  kind?: HandoverKind;
  reason?: string;
  /** The receiving team's code. */
  toTeam?: string;
}

/** The button that opens the handover form with `p` already chosen. */
export const handoverButton = (label: string, p: HandoverPrefill, style?: Action["style"]): Action =>
  button(overdrachtButtons.open, label, { z: p.zaaknummer, k: p.kind, r: p.reason, t: p.toTeam }, style);

/** What the button carried, as the form's prefill. */
export const handoverPrefill = (v: HandoverPrefillValue): HandoverPrefill => ({
  zaaknummer: v.z,
  kind: v.k,
  reason: v.r,
  toTeam: v.t,
});

const WARM_LABEL: Record<HandoverRequestPayload["warm"], string> = {
  gepland: "gepland",
  gedaan: "gedaan",
  niet_nodig: "niet nodig",
};

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
        button(overdrachtButtons.accepteren, "Accepteren", p.handoverId, "primary"),
        button(overdrachtButtons.afwijzen, "Afwijzen", p.handoverId, "danger"),
        button(zaakButtons.open, "Zaakkaart", p.zaaknummer),
      ],
    },
  ]);
}

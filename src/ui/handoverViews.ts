import { HANDOVER_REASONS, type HandoverKind } from "../domain/handover.ts";
import { dutchDate } from "./caseViews.ts";
import { type Message, message } from "./view.ts";

export const HANDOVER_KIND_LABEL: Record<HandoverKind, string> = {
  regulier_crt: "regulier team of CCP → CRT",
  crt_regulier: "CRT → regulier team (terugstroom)",
  ccp_regulier: "CCP → regulier team (na de planfase)",
  werker_werker: "jeugdbeschermer → jeugdbeschermer",
};

/** What an "overdracht.open" button carries: the case, and what the form has already chosen. */
export interface HandoverPrefill {
  zaaknummer: string;
  kind?: HandoverKind;
  reason?: string;
  /** The receiving team's code. */
  toTeam?: string;
}

export const handoverButtonValue = (p: HandoverPrefill): string =>
  JSON.stringify({ z: p.zaaknummer, k: p.kind, r: p.reason, t: p.toTeam });

/** A button value is that JSON, or (older messages) the plain zaaknummer. */
export function parseHandoverButtonValue(value: string): HandoverPrefill {
  try {
    const v: unknown = JSON.parse(value);
    if (v && typeof v === "object" && "z" in v && typeof v.z === "string") {
      const o = v as { z: string; k?: HandoverKind; r?: string; t?: string };
      return { zaaknummer: o.z, kind: o.k, reason: o.r, toTeam: o.t };
    }
  } catch {
    // a plain zaaknummer
  }
  return { zaaknummer: value };
}

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

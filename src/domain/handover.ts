import { addWeeks } from "./dates.ts";
import type { IsoDate, Phase, TeamKind } from "./types.ts";

// The rules of a handover (domain.md §8) as plain data; the use cases enforce them.

export const HANDOVER_KINDS = ["regulier_crt", "crt_regulier", "ccp_regulier", "werker_werker"] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

export const HANDOVER_REASONS: Record<HandoverKind, Record<string, string>> = {
  regulier_crt: {
    geen_capaciteit: "Geen capaciteit in het team",
    vaste_jb_vertrekt: "Vaste jeugdbeschermer vertrekt zonder opvolger",
  },
  crt_regulier: {
    directe_onveiligheid: "Directe kind-onveiligheid",
    complexe_casus: "Complexe casus",
    capaciteit: "Capaciteit in een regulier team",
  },
  ccp_regulier: {
    planfase_afgerond: "Planfase afgerond",
    capaciteit: "Capaciteit in een regulier team",
  },
  werker_werker: {
    ziekte: "Ziekte",
    verlof: "Verlof",
    vertrek: "Vertrek",
  },
};

/** What a handover must carry (002), confirmed as present in the case system — never as narrative. */
export const HANDOVER_CHECKS = {
  contactpersonen: "Rollen van de contactpersonen staan in het zaaksysteem",
  hulpvraag: "De hulpvraag is beschreven",
  analyse: "De analyse is vastgelegd",
  veiligheid: "De veiligheidssituatie is beschreven",
  plan: "Het afgesproken plan is vastgelegd",
  reden: "De reden van overdracht is met het gezin besproken",
} as const;
export type HandoverCheck = keyof typeof HANDOVER_CHECKS;

interface KindRule {
  fromPhase: Phase | null;
  toTeamKind: TeamKind | null;
  /** The phase after acceptance; null keeps the phase. */
  toPhase: Phase | null;
  /** Must the receiving PB name the new owner on acceptance? */
  ownerOnAccept: boolean;
}

export const HANDOVER_RULES: Record<HandoverKind, KindRule> = {
  regulier_crt: { fromPhase: "regulier", toTeamKind: "crt", toPhase: "crt", ownerOnAccept: false },
  crt_regulier: { fromPhase: "crt", toTeamKind: "regulier", toPhase: "regulier", ownerOnAccept: true },
  ccp_regulier: { fromPhase: "ccp", toTeamKind: "regulier", toPhase: "regulier", ownerOnAccept: true },
  werker_werker: { fromPhase: null, toTeamKind: null, toPhase: null, ownerOnAccept: true },
};

/**
 * Regular team → CRT needs a kernbeslissing with a minimum contact frequency (with a GW) and an
 * ARIJ no older than `maxWeeks` at that kernbesluit. Returns the Dutch reason when not met.
 */
export function crtEntryProblem(
  kernbeslissing: { date: IsoDate } | null,
  arijDates: readonly IsoDate[],
  maxWeeks: number,
): string | null {
  if (!kernbeslissing) {
    return "Leg eerst een kernbeslissing vast met de minimale contactfrequentie (met een gedragswetenschapper).";
  }
  const fresh = arijDates.some(
    (d) => d <= kernbeslissing.date && addWeeks(d, maxWeeks) >= kernbeslissing.date,
  );
  return fresh
    ? null
    : `Bij de kernbeslissing van ${kernbeslissing.date} hoort een ARIJ van hoogstens ${maxWeeks} weken oud; registreer die eerst.`;
}

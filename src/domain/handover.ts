import { addWeeks, dutchDate } from "./dates.ts";
import type { IsoDate, Phase, TeamKind } from "./types.ts";

// The rules of a handover (domain.md §8) as plain data; the use cases enforce them.

export const HANDOVER_KINDS = ["regulier_crt", "crt_regulier", "ccp_regulier", "werker_werker"] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

export const HANDOVER_REASONS: Record<HandoverKind, Record<string, string>> = {
  regulier_crt: {
    geen_capaciteit: "Geen capaciteit in het team",
    vaste_jb_vertrekt: "Vaste jeugdbeschermer vertrekt zonder opvolger",
    geen_ruimte_na_triage: "Na triage: geen regulier team heeft ruimte",
    veiligheid_geen_jb: "Veiligheidsafspraken gemaakt, geen vaste jeugdbeschermer vrij",
  },
  crt_regulier: {
    directe_onveiligheid: "Directe kind-onveiligheid",
    complexe_casus: "Complexe casus",
    capaciteit: "Capaciteit in een regulier team",
  },
  ccp_regulier: {
    planfase_afgerond: "Planfase afgerond",
    capaciteit: "Capaciteit in een regulier team",
    na_veiligheidsafspraken: "Veiligheidsafspraken gemaakt, vaste jeugdbeschermer vrij",
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
  /** The phases a case may be in for this kind; null: any open, triaged phase. */
  fromPhases: readonly Phase[] | null;
  toTeamKind: TeamKind | null;
  /** The phase after acceptance; null: the phase that belongs to the receiving team. */
  toPhase: Phase | null;
  /** Must the receiving PB name the new owner on acceptance? (Never for the CRT pool.) */
  ownerOnAccept: boolean;
}

// "Naar het CRT" is one kind for every sender: a regular team (via its PB) and the CCP after triage
// (domain.md §4: no room, or after veiligheidsafspraken) follow the same entry rule of §8.
export const HANDOVER_RULES: Record<HandoverKind, KindRule> = {
  regulier_crt: { fromPhases: ["regulier", "ccp"], toTeamKind: "crt", toPhase: "crt", ownerOnAccept: false },
  crt_regulier: { fromPhases: ["crt"], toTeamKind: "regulier", toPhase: "regulier", ownerOnAccept: true },
  ccp_regulier: { fromPhases: ["ccp"], toTeamKind: "regulier", toPhase: "regulier", ownerOnAccept: true },
  werker_werker: { fromPhases: null, toTeamKind: null, toPhase: null, ownerOnAccept: true },
};

/** The kinds of handover possible from a phase, in the order of HANDOVER_KINDS. */
export function kindsFromPhase(phase: Phase): HandoverKind[] {
  if (phase === "aangemeld" || phase === "afgesloten") return [];
  return HANDOVER_KINDS.filter((k) => {
    const from = HANDOVER_RULES[k].fromPhases;
    return from === null || from.includes(phase);
  });
}

/** Where a case is, in words, for refusals. */
const WHERE: Record<Phase, string> = {
  aangemeld: "is nog niet getriëerd",
  ccp: "is bij het CCP",
  regulier: "is bij een regulier team",
  crt: "staat op de werkvoorraad van het CRT",
  afgesloten: "is afgesloten",
};

const TEAM_KIND_CHOICE: Record<TeamKind, string> = {
  regulier: "Kies een regulier team.",
  ccp: "Kies het CCP.",
  crt: "Kies het CRT.",
};

export interface HandoverRoute {
  /** The phase the case gets when the handover is accepted. */
  toPhase: Phase;
  /** Does the case enter the CRT? Then the entry rule of §8 applies, whatever the kind. */
  entersCrt: boolean;
  ownerOnAccept: boolean;
}

/**
 * The one rule for every handover: from which phase, to which kind of team, into which phase.
 * Every way into the CRT enters phase `crt` and needs the entry rule (issue: a worker → worker
 * handover into the CRT left the case in phase `regulier`).
 */
export function handoverRoute(
  kind: HandoverKind,
  zaaknummer: string,
  fromPhase: Phase,
  toTeamKind: TeamKind,
): { ok: true; route: HandoverRoute } | { ok: false; field: "kind" | "toTeam"; message: string } {
  const rule = HANDOVER_RULES[kind];
  if (fromPhase === "aangemeld" || fromPhase === "afgesloten") {
    const hint = fromPhase === "aangemeld" ? " Triëer de zaak eerst." : "";
    return { ok: false, field: "kind", message: `Zaak ${zaaknummer} ${WHERE[fromPhase]}.${hint}` };
  }
  if (rule.fromPhases && !rule.fromPhases.includes(fromPhase)) {
    return {
      ok: false,
      field: "kind",
      message: `Deze soort overdracht past niet: zaak ${zaaknummer} ${WHERE[fromPhase]}.`,
    };
  }
  if (rule.toTeamKind && toTeamKind !== rule.toTeamKind) {
    return { ok: false, field: "toTeam", message: TEAM_KIND_CHOICE[rule.toTeamKind] };
  }
  const toPhase =
    rule.toPhase ?? (toTeamKind === "crt" ? "crt" : toTeamKind === "regulier" ? "regulier" : fromPhase);
  const entersCrt = toPhase === "crt" && fromPhase !== "crt";
  return {
    ok: true,
    route: { toPhase, entersCrt, ownerOnAccept: rule.ownerOnAccept && toTeamKind !== "crt" },
  };
}

/**
 * Before a case goes to the CRT, a kernbeslissing with the minimum contact frequency (with a GW)
 * and an ARIJ no older than `maxWeeks` at that kernbesluit (domain.md §4, §8). Returns the Dutch
 * reason when not met.
 */
export function crtEntryProblem(
  kernbeslissing: { date: IsoDate } | null,
  arijDates: readonly IsoDate[],
  maxWeeks: number,
  /** A kernbeslissing older than this many weeks on `today` is no longer current (policy). */
  current?: { today: IsoDate; maxWeeks: number },
): string | null {
  if (!kernbeslissing) {
    return "Leg eerst een kernbeslissing vast met de minimale contactfrequentie (met een gedragswetenschapper).";
  }
  if (current && addWeeks(kernbeslissing.date, current.maxWeeks) < current.today) {
    return `De kernbeslissing van ${dutchDate(kernbeslissing.date)} is ouder dan ${current.maxWeeks} weken; leg een actuele kernbeslissing vast.`;
  }
  const fresh = arijDates.some(
    (d) => d <= kernbeslissing.date && addWeeks(d, maxWeeks) >= kernbeslissing.date,
  );
  return fresh
    ? null
    : `Bij de kernbeslissing van ${dutchDate(kernbeslissing.date)} hoort een ARIJ van hoogstens ${maxWeeks} weken oud; registreer die eerst.`;
}

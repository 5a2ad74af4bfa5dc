import { OVERRIDE_REASONS } from "../cases/overridePriority.ts";
import type {
  ArijReason,
  ContactKind,
  DeadlineKind,
  MarkableMilestone,
  Measure,
  Phase,
  PriorityClass,
  RiskLevel,
  Role,
  TeamKind,
} from "../domain/types.ts";

// The Dutch words of the interface (domain.md §9), one place for every platform and the CLI.

export const MEASURE_LABEL: Record<Measure, string> = {
  ots: "OTS",
  vots: "voorlopige OTS",
  voogdij: "voogdij",
  vvoogdij: "voorlopige voogdij",
  jr: "jeugdreclassering",
};

export const PHASE_LABEL: Record<Phase, string> = {
  aangemeld: "aangemeld",
  ccp: "CCP",
  regulier: "regulier team",
  crt: "CRT (werkvoorraad)",
  afgesloten: "afgesloten",
};

export const TEAM_KIND_LABEL: Record<TeamKind, string> = {
  regulier: "regulier team",
  ccp: "CCP",
  crt: "CRT",
};

export const DEADLINE_LABEL: Record<DeadlineKind, string> = {
  triage: "triage",
  eerste_contact: "eerste face-to-face contact",
  arij_mdo: "ARIJ + MDO",
  epb: "Eerste Plan Bespreking",
  plan_van_aanpak: "plan van aanpak",
  hulp: "passende hulp ingezet",
  contact: "contactmoment",
  arij: "ARIJ",
  verlenging: "verlenging OTS voorbereiden",
};

export const MILESTONE_LABEL: Record<MarkableMilestone, string> = {
  epb: DEADLINE_LABEL.epb,
  plan_van_aanpak: DEADLINE_LABEL.plan_van_aanpak,
  hulp: DEADLINE_LABEL.hulp,
  verlenging: DEADLINE_LABEL.verlenging,
};

export const CONTACT_KIND_LABEL: Record<ContactKind, string> = {
  kind_face_to_face: "face-to-face met het kind",
  ouders: "met ouders",
  netwerk: "met het netwerk",
  telefonisch: "telefonisch",
};

export const RISK_LABEL: Record<RiskLevel, string> = {
  laag: "laag risico",
  middelmatig: "middelmatig risico",
  hoog: "hoog risico",
};

export const ARIJ_REASON_LABEL: Record<ArijReason, string> = {
  periodiek: "periodiek",
  nieuwe_zorgen: "nieuwe zorgen",
  kernbesluit: "kernbesluit",
};

export const PRIORITY_LABEL: Record<PriorityClass, string> = {
  A: "A acuut",
  B: "B hoog",
  C: "C midden",
  D: "D laag",
};

export const ROLE_LABEL: Record<Role, string> = {
  jeugdbeschermer: "jeugdbeschermer",
  assistent_jeugdbeschermer: "assistent-jeugdbeschermer",
  praktijkbegeleider: "praktijkbegeleider",
  gedragswetenschapper: "gedragswetenschapper",
  ccp: "CCP-medewerker",
  teammanager: "teammanager",
  beheerder: "functioneel beheerder",
};

/** An override's reason as shown: the list label, the optional note after it. */
export function overrideReasonText(override: { reason: string; note: string | null }): string {
  const label =
    override.reason in OVERRIDE_REASONS
      ? OVERRIDE_REASONS[override.reason as keyof typeof OVERRIDE_REASONS]
      : "reden verwijderd (vrije tekst van voor de keuzelijst)";
  return override.note ? `${label} — ${override.note}` : label;
}

/** 0.8 → "0,8": Dutch decimal comma, at most one decimal as the capacity figures have. */
export const dutchNumber = (n: number): string => n.toLocaleString("nl-NL", { maximumFractionDigits: 1 });

/** "1 zaak", "3 zaken". */
export const count = (n: number, one: string, many: string): string =>
  `${dutchNumber(n)} ${n === 1 ? one : many}`;

/** 0.83 → "83%"; a share of nothing is "—". */
export const percent = (share: number | null): string =>
  share === null ? "—" : `${Math.round(share * 100)}%`;

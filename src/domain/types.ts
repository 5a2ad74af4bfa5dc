// Plain data shared by the rules. Dates are ISO calendar dates ("YYYY-MM-DD") in Europe/Amsterdam:
// the rule book speaks of days, never of instants.
export type IsoDate = string;

export const MEASURES = ["ots", "vots", "voogdij", "vvoogdij", "jr"] as const;
export type Measure = (typeof MEASURES)[number];

export const PHASES = ["aangemeld", "ccp", "regulier", "crt", "afgesloten"] as const;
export type Phase = (typeof PHASES)[number];

export const TEAM_KINDS = ["regulier", "ccp", "crt"] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const ROLES = [
  "jeugdbeschermer",
  "assistent_jeugdbeschermer",
  "praktijkbegeleider",
  "gedragswetenschapper",
  "ccp",
  "teammanager",
  "beheerder",
] as const;
export type Role = (typeof ROLES)[number];

export const RISK_LEVELS = ["laag", "middelmatig", "hoog"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ARIJ_REASONS = ["periodiek", "nieuwe_zorgen", "kernbesluit"] as const;
export type ArijReason = (typeof ARIJ_REASONS)[number];

// Only a face-to-face contact with the child counts for the contact norms (003: "face-to-face
// contact met de jeugdige"); the other kinds are recorded for the history.
export const CONTACT_KINDS = ["kind_face_to_face", "ouders", "netwerk", "telefonisch"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const DEADLINE_KINDS = [
  "triage",
  "eerste_contact",
  "arij_mdo",
  "epb",
  "plan_van_aanpak",
  "hulp",
  "contact",
  "arij",
  "verlenging",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Milestones that are done when a person marks them done on the case. */
export const MARKABLE_MILESTONES = ["epb", "plan_van_aanpak", "hulp", "verlenging"] as const;
export type MarkableMilestone = (typeof MARKABLE_MILESTONES)[number];

export const PRIORITY_CLASSES = ["A", "B", "C", "D"] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

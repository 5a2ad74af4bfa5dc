// Bijlage 1 of the CCP step plan (000_…): when is there "directe kind-onveiligheid"?
// One criterion is enough. The ids are stored with the triage, so they must never change;
// labels may be reworded (they become checkbox options, hence the 75-character limit). A group's
// condition is the source's qualifying sentence; the triage form shows it with the group.

export const BIJLAGE1_GROUPS = [
  {
    id: "zicht",
    label: "Onvoldoende zicht op het kind",
    condition:
      "Geen taxatie mogelijk vanwege een gesloten, geïsoleerd systeem, waarbij hulpverlening ook niet meer binnenkomt.",
    criteria: [
      { id: "onvoldoende_zicht", label: "Onvoldoende zicht op het kind (rekening houdend met de leeftijd)" },
    ],
  },
  {
    id: "acuut",
    label: "Acute onveiligheid",
    condition: null,
    criteria: [
      { id: "fysiek_geweld", label: "(Acute dreiging van) fysiek geweld" },
      { id: "seksueel_misbruik", label: "(Acute dreiging van) seksueel misbruik / loverboy" },
      {
        id: "ernstige_verwaarlozing",
        label: "(Acute dreiging van) ernstige verwaarlozing (gebrek aan bed, bad, brood)",
      },
      { id: "ontvoering_eergerelateerd", label: "Risico op ontvoering of eergerelateerd geweld" },
      { id: "weigering_acute_zorg", label: "Weigering van acute medische of psychische zorg" },
      {
        id: "suicidedreiging_psychiatrie",
        label: "Suïcidedreiging of andere ernstige psychiatrische problematiek",
      },
      { id: "huiselijk_geweld", label: "Huiselijk geweld" },
      { id: "geen_beschikbare_opvoeder", label: "Geen (emotioneel) beschikbare opvoeder" },
    ],
  },
  {
    id: "vrijheidsbeneming",
    label: "Vrijheidsbeneming of spoedplaatsing",
    condition:
      "Alleen als direct gehandeld moet worden, om te voorkomen dat de jongere zonder acties van de hulpverlening op straat staat of vrijheidsbeperkende maatregelen onnodig lang worden voortgezet.",
    criteria: [
      { id: "vrijheidsbeneming", label: "Vrijheidsbeneming (IVS, plaatsing in gesloten jeugdzorg e.d.)" },
      { id: "spoedplaatsing", label: "Spoedplaatsing regulier" },
    ],
  },
  {
    id: "onbekend",
    label: "Situatie volledig onbekend",
    condition: null,
    criteria: [
      {
        id: "situatie_onbekend",
        label: "Geen rapportage, geen zittingsverslag, geen taxatie mogelijk",
      },
    ],
  },
] as const;

export type Bijlage1GroupId = (typeof BIJLAGE1_GROUPS)[number]["id"];
export type Bijlage1CriterionId = (typeof BIJLAGE1_GROUPS)[number]["criteria"][number]["id"];

export interface Bijlage1Criterion {
  id: Bijlage1CriterionId;
  label: string;
  group: Bijlage1GroupId;
  groupLabel: string;
}

export const BIJLAGE1_CRITERIA: readonly Bijlage1Criterion[] = BIJLAGE1_GROUPS.flatMap((group) =>
  group.criteria.map((c) => ({ id: c.id, label: c.label, group: group.id, groupLabel: group.label })),
);

const byId = new Map<string, Bijlage1Criterion>(BIJLAGE1_CRITERIA.map((c) => [c.id, c]));

export function isBijlage1Criterion(id: string): id is Bijlage1CriterionId {
  return byId.has(id);
}

export interface DirectUnsafety {
  directUnsafe: boolean;
  /** The matched criteria in Bijlage-1 order, each once. */
  criteria: Bijlage1Criterion[];
  /** Ids that are not in Bijlage 1; they never count as unsafety, the caller must reject them. */
  unknown: string[];
}

export function checkDirectUnsafety(selected: readonly string[]): DirectUnsafety {
  const chosen = new Set(selected);
  const criteria = BIJLAGE1_CRITERIA.filter((c) => chosen.has(c.id));
  const unknown = [...chosen].filter((id) => !byId.has(id));
  return { directUnsafe: criteria.length > 0, criteria, unknown };
}

// Triage answers are chosen from fixed lists on purpose: free text would invite narrative about
// the family, which the assistant must not store (domain.md §3). Ids are stored; never change them.

export const UNDERLYING_PROBLEMS = [
  { id: "verslaving_ouder", label: "Verslaving van een ouder" },
  { id: "psychiatrie_ouder", label: "Psychiatrische problematiek van een ouder" },
  { id: "lvb", label: "Licht verstandelijke beperking (ouder of kind)" },
  { id: "huiselijk_geweld_verleden", label: "Huiselijk geweld in het verleden" },
  { id: "complexe_scheiding", label: "Complexe scheiding" },
  { id: "schulden", label: "Schulden" },
  { id: "huisvestingsproblemen", label: "Huisvestingsproblemen" },
  { id: "gedragsproblemen_kind", label: "Gedragsproblemen van het kind" },
  { id: "schoolverzuim", label: "Schoolverzuim" },
  { id: "criminaliteit", label: "Criminaliteit (ouder of jongere)" },
] as const;

export const SUSTAINING_FACTORS = [
  { id: "geen_steunend_netwerk", label: "Geen steunend netwerk" },
  { id: "weinig_probleembesef", label: "Weinig probleembesef" },
  { id: "hulp_afgewezen", label: "Hulp wordt afgewezen" },
  { id: "conflict_tussen_ouders", label: "Conflict tussen de ouders" },
  { id: "sociaal_isolement", label: "Sociaal isolement" },
  { id: "instabiele_woonsituatie", label: "Instabiele woonsituatie" },
  { id: "eerdere_hulp_zonder_effect", label: "Eerdere hulp zonder effect" },
] as const;

export type UnderlyingProblemId = (typeof UNDERLYING_PROBLEMS)[number]["id"];
export type SustainingFactorId = (typeof SUSTAINING_FACTORS)[number]["id"];

const problemIds: ReadonlySet<string> = new Set(UNDERLYING_PROBLEMS.map((p) => p.id));
const factorIds: ReadonlySet<string> = new Set(SUSTAINING_FACTORS.map((f) => f.id));

export function isUnderlyingProblem(id: string): id is UnderlyingProblemId {
  return problemIds.has(id);
}

export function isSustainingFactor(id: string): id is SustainingFactorId {
  return factorIds.has(id);
}

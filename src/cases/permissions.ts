import type { Role, TeamKind } from "../domain/types.ts";
import type { ActingPerson } from "./context.ts";
import { CaseFailure } from "./result.ts";

// Who may do what (domain.md §2). Pure predicates; the use cases enforce them.

const CASE_WORKERS: readonly Role[] = [
  "jeugdbeschermer",
  "assistent_jeugdbeschermer",
  "praktijkbegeleider",
  "gedragswetenschapper",
  "ccp",
];

export const canRegister = (p: ActingPerson) => ["ccp", "praktijkbegeleider", "beheerder"].includes(p.role);

export const canTriage = (p: ActingPerson) =>
  ["ccp", "praktijkbegeleider", "gedragswetenschapper"].includes(p.role);

export const canOverridePriority = (p: ActingPerson) => p.role === "praktijkbegeleider";

export interface CaseScope {
  teamId: number;
  ownerId: number | null;
}

/** Contacts, ARIJs and milestones: the owner, the owner's team and the CRT. */
export function canWorkOnCase(p: ActingPerson, c: CaseScope): boolean {
  if (c.ownerId === p.id) return true;
  if (!CASE_WORKERS.includes(p.role)) return false;
  return p.teamId === c.teamId || p.teamKind === ("crt" satisfies TeamKind);
}

/** A kernbeslissing is taken with a GW: any GW may record one, as may those who work on the case. */
export const canRecordKernbeslissing = (p: ActingPerson, c: CaseScope) =>
  p.role === "gedragswetenschapper" || canWorkOnCase(p, c);

export function require(allowed: boolean, message: string): void {
  if (!allowed) throw new CaseFailure({ code: "forbidden", message });
}

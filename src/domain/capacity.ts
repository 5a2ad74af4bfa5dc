import type { Policy } from "./policy.ts";
import type { Role, TeamKind } from "./types.ts";

// Capacity replaces the "logistieke monitor" (domain.md §6): norm × FTE − active cases.

export type CaseloadNorms = Policy["caseloadNorm"];

export interface WorkerCapacity {
  /** Caseload norm × FTE, one decimal. */
  norm: number;
  active: number;
  /** Negative means over the norm. */
  free: number;
}

export interface TeamWorker {
  code: string;
  name: string;
  fte: number;
  activeCases: number;
  role: Role;
}

export interface TeamCapacity extends WorkerCapacity {
  /** Only the case-carrying workers, each with their own capacity. */
  workers: (Pick<TeamWorker, "code" | "name" | "role" | "fte"> & WorkerCapacity)[];
}

// Rounding every step keeps sums of FTE fractions from showing as 12.300000000000001.
const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

/**
 * Supervisors, behavioural scientists and managers have no caseload norm. In the CCP the intake
 * coordinators are jeugdbeschermers with room in their own caseload (000_…), so they carry cases there.
 */
export function carriesCases(role: Role, teamKind: TeamKind): boolean {
  return (
    role === "jeugdbeschermer" ||
    role === "assistent_jeugdbeschermer" ||
    (teamKind === "ccp" && role === "ccp")
  );
}

export function workerCapacity(
  { fte, activeCases, teamKind }: { fte: number; activeCases: number; teamKind: TeamKind },
  norms: CaseloadNorms,
): WorkerCapacity {
  const norm = oneDecimal(norms[teamKind] * fte);
  return { norm, active: activeCases, free: oneDecimal(norm - activeCases) };
}

export function teamCapacity(
  workers: readonly TeamWorker[],
  teamKind: TeamKind,
  norms: CaseloadNorms,
): TeamCapacity {
  const carriers = workers
    .filter((w) => carriesCases(w.role, teamKind))
    .map((w) => ({
      code: w.code,
      name: w.name,
      role: w.role,
      fte: w.fte,
      ...workerCapacity({ fte: w.fte, activeCases: w.activeCases, teamKind }, norms),
    }));
  const norm = oneDecimal(carriers.reduce((sum, w) => sum + w.norm, 0));
  const active = carriers.reduce((sum, w) => sum + w.active, 0);
  return { norm, active, free: oneDecimal(norm - active), workers: carriers };
}

/** Room for at least one more case; works for a team and for a single worker. */
export function hasRoom(capacity: { free: number }): boolean {
  return capacity.free >= 1;
}

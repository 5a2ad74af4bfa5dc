import { addMonths, addWeeks } from "../dates.ts";
import type { Policy } from "../policy.ts";
import type { IsoDate } from "../types.ts";
import { share } from "./statistics.ts";

// The LHP minimum for children on the werkvoorraad (domain.md §5 `contact`, `arij`): seen face to
// face within 3 months or the kernbeslissing's frequency, and an ARIJ no older than a year.

export interface SafetyFacts {
  lastFaceToFace: IsoDate | null;
  lastArij: IsoDate | null;
  contactFrequencyWeeks: number | null;
  /** How many children share these facts (the database groups them); 1 when absent. */
  count?: number;
}

export interface SafetyFigures {
  children: number;
  seenWithinNorm: number;
  seenWithinNormShare: number | null;
  neverSeen: number;
  arijWithinYear: number;
  arijWithinYearShare: number | null;
}

export function safetyFigures(
  children: readonly SafetyFacts[],
  peildatum: IsoDate,
  policy: Policy,
): SafetyFigures {
  const d = policy.deadlines;
  let total = 0;
  let seen = 0;
  let never = 0;
  let arij = 0;
  for (const c of children) {
    const n = c.count ?? 1;
    total += n;
    if (c.lastFaceToFace === null) never += n;
    else {
      // The contact of the reference date counts; the window is the stricter of the two norms.
      const byMonths = addMonths(c.lastFaceToFace, d.contactMonths);
      const byFrequency =
        c.contactFrequencyWeeks !== null && c.contactFrequencyWeeks > 0
          ? addWeeks(c.lastFaceToFace, c.contactFrequencyWeeks)
          : byMonths;
      const nextDue = byFrequency < byMonths ? byFrequency : byMonths;
      if (nextDue >= peildatum) seen += n;
    }
    if (c.lastArij !== null && addMonths(c.lastArij, d.arijMonths) >= peildatum) arij += n;
  }
  return {
    children: total,
    seenWithinNorm: seen,
    seenWithinNormShare: share(seen, total),
    neverSeen: never,
    arijWithinYear: arij,
    arijWithinYearShare: share(arij, total),
  };
}

/** Kernbesluiten taken while the last ARIJ was older than the policy's maximum (or absent). */
export function kernbesluitenWithOldArij(
  kernbesluiten: readonly { on: IsoDate; lastArijBefore: IsoDate | null; count?: number }[],
  policy: Policy,
): number {
  const max = policy.deadlines.arijMaxWeeksBeforeKernbesluit;
  return kernbesluiten
    .filter((k) => k.lastArijBefore === null || addWeeks(k.lastArijBefore, max) < k.on)
    .reduce((sum, k) => sum + (k.count ?? 1), 0);
}

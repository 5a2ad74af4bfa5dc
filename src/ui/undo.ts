import type { Action } from "./view.ts";

// "Ongedaan maken" on a confirmation: safe for a few minutes after recording, by voiding the record
// with the reason "vergissing" (it stays, marked). Later, Corrigeren on the case card does the same.

export const UNDO_MINUTES = 10;

export type UndoRecord = "contact" | "arij" | "kernbeslissing";

export interface UndoRef {
  z: string;
  r: UndoRecord;
  id: number;
  /** When the record was made (ms since epoch): the button expires UNDO_MINUTES later. */
  at: number;
}

export const undoAction = (ref: UndoRef): Action => ({
  id: "zaak.ongedaan",
  label: "Ongedaan maken",
  value: JSON.stringify(ref),
});

export function parseUndo(value: string): UndoRef | null {
  try {
    const v = JSON.parse(value) as Partial<UndoRef>;
    if (
      typeof v.z === "string" &&
      (v.r === "contact" || v.r === "arij" || v.r === "kernbeslissing") &&
      typeof v.id === "number" &&
      typeof v.at === "number"
    ) {
      return { z: v.z, r: v.r, id: v.id, at: v.at };
    }
  } catch {
    // not ours
  }
  return null;
}

/** The "Ongedaan maken" button for a confirmation, when the step wrote a record. */
export const undoFor = (r: UndoRecord, u: { zaaknummer: string; recordId?: number }): Action[] =>
  u.recordId === undefined ? [] : [undoAction({ z: u.zaaknummer, r, id: u.recordId, at: Date.now() })];

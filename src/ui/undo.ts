import { button } from "./control.ts";
import { type UndoRef, zaakButtons } from "./controls/zaak.ts";
import type { Action } from "./view.ts";

// "Ongedaan maken" on a confirmation: safe for a few minutes after recording, by voiding the record
// with the reason "vergissing" (it stays, marked). Later, Corrigeren on the case card does the same.

export const UNDO_MINUTES = 10;

export type UndoRecord = UndoRef["r"];

/** The "Ongedaan maken" button for a confirmation, when the step wrote a record. */
export const undoFor = (r: UndoRecord, u: { zaaknummer: string; recordId?: number }): Action[] =>
  u.recordId === undefined
    ? []
    : [
        button(zaakButtons.ongedaan, "Ongedaan maken", {
          z: u.zaaknummer,
          r,
          id: u.recordId,
          at: Date.now(),
        }),
      ];

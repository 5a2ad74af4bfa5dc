import { isIsoDate } from "../domain/dates.ts";
import type { IsoDate } from "../domain/types.ts";

const DUTCH = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** A date as people type it in a command: 30-06-2026, 30-6-2026 or 2026-06-30; null otherwise. */
export function parseDutchOrIsoDate(typed: string): IsoDate | null {
  const text = typed.trim();
  const m = DUTCH.exec(text);
  const iso = m ? `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}` : text;
  return isIsoDate(iso) ? iso : null;
}

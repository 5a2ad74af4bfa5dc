import { format, parseISO } from "date-fns";
import type { IsoDate } from "../domain/types.ts";

// How numbers and dates read in Dutch: 23-11-2026, 4,5, 33%, "1 zaak" / "2 zaken".

export const dutchDate = (d: IsoDate): string => format(parseISO(d), "dd-MM-yyyy");

export const decimal = (n: number): string => n.toLocaleString("nl-NL", { maximumFractionDigits: 1 });

export const percent = (share: number | null): string =>
  share === null ? "—" : `${Math.round(share * 100)}%`;

export const plural = (n: number, one: string, many: string): string =>
  `${decimal(n)} ${n === 1 ? one : many}`;

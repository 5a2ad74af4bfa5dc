import { z } from "zod";
import { PLATFORMS, type PlatformName } from "../identity.ts";
import { optional, type RowError, zodRowErrors } from "./csv.ts";

// The per-platform CSV columns are named after the platform (`slack_id`, `teams_kanaal`), so a new
// platform brings its columns with its name and the import needs no change.

export const accountColumn = (platform: PlatformName) => `${platform}_id`;
export const channelColumn = (platform: PlatformName) => `${platform}_kanaal`;

/** A cell per platform: undefined when the column is absent (keep), null when empty (clear). */
export type PlatformCells = Partial<Record<PlatformName, string | null>>;

const idValue = (what: string) =>
  optional(
    z.string().max(200, "gebruik hoogstens 200 tekens").regex(/^\S+$/, `een ${what} bevat geen spaties`),
  );

/** The per-platform cells of a row, checked: ids without spaces, at most 200 characters. */
export function readPlatformCells(
  line: number,
  values: Record<string, unknown>,
  column: (platform: PlatformName) => string,
  what: string,
): { ok: true; cells: PlatformCells } | { ok: false; errors: RowError[] } {
  const schema = z.object(Object.fromEntries(PLATFORMS.map((p) => [column(p), idValue(what)])));
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: zodRowErrors(line, parsed.error) };
  const cells: PlatformCells = {};
  for (const p of PLATFORMS) {
    const v = parsed.data[column(p)];
    if (v !== undefined) cells[p] = typeof v === "string" ? v : null;
  }
  return { ok: true, cells };
}

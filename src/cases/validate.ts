import type { z } from "zod";
import { addMonths } from "../domain/dates.ts";
import type { Policy } from "../domain/policy.ts";
import type { IsoDate } from "../domain/types.ts";
import { withInputScope } from "./fields.ts";
import { invalid, type Result } from "./result.ts";

/** What a parse needs of the use-case context: the organisation's policy and today. */
export interface ParseScope {
  policy: Pick<Policy, "privacy" | "inputDates">;
  today(): IsoDate;
}

/**
 * A C0 control character other than tab and line breaks, or DEL: invisible when typed, and NUL is
 * refused by the database outright (an error reference instead of an error at the field).
 */
export function hasControlCharacter(value: string, allowLineBreaks = true): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x7f) return true;
    if (c >= 0x20) continue;
    if (c === 0x09 || (allowLineBreaks && (c === 0x0a || c === 0x0d))) continue;
    return true;
  }
  return false;
}
const UNSTORABLE_MESSAGE =
  "Dit veld bevat een onzichtbaar teken dat Zicht niet kan opslaan. Typ het opnieuw.";

/** The field (top-level or nested key) of every string that holds a character no row can store. */
function unstorable(value: unknown, key: string, found: Record<string, string>): void {
  if (typeof value === "string") {
    if (hasControlCharacter(value)) found[key] ??= UNSTORABLE_MESSAGE;
  } else if (Array.isArray(value)) {
    for (const v of value) unstorable(v, key, found);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) unstorable(v, k, found);
  }
}

/** Validates use-case input; each problem is reported at the field it concerns, in Dutch. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  ctx: ParseScope,
): Result<z.infer<S>> {
  const bad: Record<string, string> = {};
  unstorable(input, "_", bad);
  if (Object.keys(bad).length > 0) return invalid(bad);
  const { policy } = ctx;
  const parsed = withInputScope(
    {
      // The privacy guard's zaaknummer pattern is the organisation's policy.
      zaaknummerPattern: policy.privacy.zaaknummerPattern,
      dates: {
        earliest: policy.inputDates.earliest,
        latest: addMonths(ctx.today(), 12 * policy.inputDates.yearsAhead),
      },
    },
    () => schema.safeParse(input),
  );
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    // Nested objects (a new case inside a triage) and list items report at their own field name.
    const key = String([...issue.path].reverse().find((p) => typeof p === "string") ?? "_");
    fields[key] ??= issue.message;
  }
  return invalid(fields);
}

import type { z } from "zod";
import type { Policy } from "../domain/policy.ts";
import { withZaaknummerPattern } from "./fields.ts";
import { invalid, type Result } from "./result.ts";

/** Validates use-case input; each problem is reported at the field it concerns, in Dutch. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  policy: Pick<Policy, "privacy">,
): Result<z.infer<S>> {
  // The privacy guard's zaaknummer pattern is the organisation's policy.
  const parsed = withZaaknummerPattern(policy.privacy.zaaknummerPattern, () => schema.safeParse(input));
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    // Nested objects (a new case inside a triage) and list items report at their own field name.
    const key = String([...issue.path].reverse().find((p) => typeof p === "string") ?? "_");
    fields[key] ??= issue.message;
  }
  return invalid(fields);
}

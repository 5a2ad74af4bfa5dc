import type { z } from "zod";
import { invalid, type Result } from "./result.ts";

/** Validates use-case input; each problem is reported at the field it concerns, in Dutch. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    // Nested objects (a new case inside a triage) and list items report at their own field name.
    const key = String([...issue.path].reverse().find((p) => typeof p === "string") ?? "_");
    fields[key] ??= issue.message;
  }
  return invalid(fields);
}

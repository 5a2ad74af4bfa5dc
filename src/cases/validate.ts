import type { z } from "zod";
import { invalid, type Result } from "./result.ts";

/** Validates use-case input; each problem is reported at the field it concerns, in Dutch. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "_");
    fields[key] ??= issue.message;
  }
  return invalid(fields);
}

import { randomBytes } from "node:crypto";
import pino, { type LoggerOptions } from "pino";

// Structured logs carry zaaknummers and person codes at most: never case content (domain.md §3),
// also not on errors. Database errors carry the values of the failed query (drizzle's "params:",
// PostgreSQL's detail "Key (name)=(…)" and quoted input in messages); those are left out.

const WITHHELD = "[weggelaten]";

/** Error fields that hold no values of the query: kept, they say where it went wrong. */
const SAFE_FIELDS = [
  "code",
  "severity",
  "routine",
  "table_name",
  "column_name",
  "constraint_name",
  "schema_name",
];

/** Removes query values from an error text: drizzle's params list and quoted values. */
function withoutValues(text: string | undefined, fromDatabase: boolean): string | undefined {
  if (text === undefined) return undefined;
  let out = text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, `\nparams: ${WITHHELD}`);
  if (fromDatabase)
    out = out.replace(/"[^"\n]*"/g, `"${WITHHELD}"`).replace(/\([^()\n]*\)=\([^\n]*\)/g, WITHHELD);
  return out;
}

/**
 * Serializes an error for the log without the values it may carry. A database error (it has a
 * SQLSTATE code or a query) keeps its SQL text, code and constraint, never its parameters or detail.
 */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & Record<string, unknown>;
  const fromDatabase =
    typeof e.query === "string" ||
    (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) ||
    e.name === "DrizzleQueryError" ||
    e.name === "PostgresError";
  const out: Record<string, unknown> = {
    type: e.name,
    message: withoutValues(e.message, fromDatabase),
    stack: withoutValues(e.stack, fromDatabase),
  };
  for (const field of SAFE_FIELDS) if (typeof e[field] === "string") out[field] = e[field];
  if (typeof e.query === "string") out.query = e.query;
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export const logOptions: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" || process.env.VITEST ? "silent" : "info"),
  base: { app: "zicht" },
  serializers: { err: (err: unknown) => serializeError(err) },
};

// ZICHT_LOG_FILE sends the log to a file (appended, written synchronously), e.g. for the test that
// scans every log line of the end-to-end suites for personal data.
export const log = pino(
  logOptions,
  process.env.ZICHT_LOG_FILE
    ? pino.destination({ dest: process.env.ZICHT_LOG_FILE, sync: true, append: true })
    : undefined,
);

/** A short reference shown to the user and written to the log, so support can find the error. */
export function newReference(): string {
  return `ZCH-${randomBytes(3).toString("hex").toUpperCase()}`;
}

/** Logs an unexpected error and returns the reference the user is shown. */
export function logUnexpected(err: unknown, context: Record<string, unknown> = {}): string {
  const reference = newReference();
  log.error({ err, reference, ...context }, "unexpected error");
  return reference;
}

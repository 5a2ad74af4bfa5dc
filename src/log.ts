import { randomBytes } from "node:crypto";
import pino from "pino";

// Structured logs carry zaaknummers at most: never case content (domain.md §3).
// ZICHT_LOG_FILE sends the log to a file (appended, written synchronously), e.g. for the test that
// scans every log line of the end-to-end suites for personal data.
export const log = pino(
  {
    level:
      process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" || process.env.VITEST ? "silent" : "info"),
    base: { app: "zicht" },
  },
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

// Whether an error means "the database cannot be reached right now" (down, restarting, connections
// refused or cut), as opposed to a bug or a refused query: people are then told to try again shortly.

/** postgres.js and Node codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** SQLSTATEs of a server that is going away or refusing work: class 08, shutdown, too many connections. */
function unavailableState(code: string): boolean {
  return code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code);
}

export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string" && (CONNECTION_CODES.has(e.code) || unavailableState(e.code))) return true;
    // The embedded database once closed, or its worker thread gone (db/pgliteThread.ts), answers with these.
    if (
      typeof e.message === "string" &&
      /PGlite is closed|embedded database is closed|embedded database thread stopped/i.test(e.message)
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

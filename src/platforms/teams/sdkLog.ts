import { AsyncLocalStorage } from "node:async_hooks";
import type { AppOptions } from "@microsoft/teams.apps";
import { log } from "../../log.ts";

// The SDK writes several lines for one refused request (signing key, JWT verification, validation).
// Within a request they are collected and written as one line when it is answered; outside a
// request (proactive sends) they go straight to our log.

type Level = "warn" | "error";
interface Scope {
  lines: { level: Level; text: string }[];
}

type ILogger = NonNullable<AppOptions<never>["logger"]>;

const scope = new AsyncLocalStorage<Scope>();

function write(level: Level, msg: unknown[]) {
  const text = msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ");
  const current = scope.getStore();
  if (current) current.lines.push({ level, text });
  else log[level]({ teams: text }, "teams");
}

export const sdkLogger: ILogger = {
  error: (...m: unknown[]) => write("error", m),
  warn: (...m: unknown[]) => write("warn", m),
  info: () => {},
  debug: () => {},
  trace: () => {},
  log: (level, ...m: unknown[]) => {
    if (level === "error" || level === "warn") write(level, m);
  },
  child: () => sdkLogger,
};

/**
 * Runs one inbound request and writes at most one log line for it: a refused request (4xx) is a
 * warning with its status and the SDK's reasons; a request that went wrong otherwise is an error.
 */
export async function withRequestLog<T extends { status: number }>(
  what: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const current: Scope = { lines: [] };
  const answer = await scope.run(current, work);
  const refused = answer.status >= 400 && answer.status < 500;
  if (refused || current.lines.length > 0) {
    const level = !refused && current.lines.some((l) => l.level === "error") ? "error" : "warn";
    log[level](
      { ...what, status: answer.status, teams: current.lines.map((l) => l.text).join(" · ") || undefined },
      refused ? "teams request refused" : "teams",
    );
  }
  return answer;
}

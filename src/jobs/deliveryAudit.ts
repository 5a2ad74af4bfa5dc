import type { Tx } from "../../db/client.ts";
import { auditRead } from "../cases/audit.ts";

/** Every zaaknummer a payload shows, wherever it sits (reminder items, digest lists, notices). */
export function zaaknummersIn(payload: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(payload)) for (const item of payload) zaaknummersIn(item, out);
  else if (payload && typeof payload === "object") {
    for (const [key, value] of Object.entries(payload)) {
      if (key === "zaaknummer" && typeof value === "string") out.add(value);
      else zaaknummersIn(value, out);
    }
  }
  return out;
}

/**
 * Logs a delivered outbox message as a read of case details (NEN 7513): who got it (the
 * recipient, or the channel), through which platform, and every zaaknummer it showed. Written in
 * the transaction that marks the row sent.
 */
export async function auditDelivery(
  tx: Tx,
  row: { kind: string; recipientId: number | null; channel: string | null; payload: unknown },
  platform: string,
): Promise<void> {
  const zaaknummers = [...zaaknummersIn(row.payload)];
  if (zaaknummers.length === 0) return;
  const reader = row.recipientId
    ? { personId: row.recipientId, via: platform }
    : { operator: `kanaal:${row.channel ?? "?"}`, via: platform };
  await auditRead(tx, reader, "bericht_bezorgd", zaaknummers, {
    soort: row.kind,
    ...(row.channel ? { kanaal: row.channel, platform } : {}),
  });
}

import type { Db, Tx } from "../../db/client.ts";
import { auditLog } from "../../db/schema.ts";
import type { Actor } from "./context.ts";

/**
 * Appends who did (or read) what, on which case, through which door. Details hold codes and
 * dates only, never case content beyond the zaaknummer.
 */
export async function audit(
  tx: Db | Tx,
  actor: Actor | null,
  action: string,
  caseId: number | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor?.personId ?? null,
    via: actor?.via ?? "system",
    action,
    caseId,
    details,
  });
}

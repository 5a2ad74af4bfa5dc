import type { Db, Tx } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import type { NoticeData } from "./payloads.ts";

export type { NoticeData };

/** Queues a direct message in the outbox; the key makes it once-only. */
export async function queueNotice(
  tx: Db | Tx,
  key: string,
  recipientId: number,
  caseId: number,
  notice: NoticeData,
) {
  await tx
    .insert(notifications)
    .values({ key, kind: "notice", recipientId, caseId, payload: notice })
    .onConflictDoNothing({ target: notifications.key });
}

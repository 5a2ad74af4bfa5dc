import type { Db, Tx } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";

/** What a person is told about a step others took: data only; src/ui words it. */
export type NoticeData =
  | { type: "handover_rejected"; zaaknummer: string; by: string; reason: string }
  | { type: "handover_accepted"; zaaknummer: string; by: string; toTeam: string; ownerName: string | null }
  | { type: "handover_assigned"; zaaknummer: string; by: string }
  | { type: "handover_withdrawn"; zaaknummer: string; by: string; reason: string }
  /** The CCP coordinates every terugstroom (domain.md §6, §8): told when one is proposed and decided. */
  | {
      type: "terugstroom_ccp";
      zaaknummer: string;
      stage: "aangevraagd" | "geaccepteerd" | "afgewezen";
      by: string;
      toTeam: string;
      reason: string;
      ownerName: string | null;
    }
  | {
      type: "reminder_snoozed";
      zaaknummer: string;
      kind: DeadlineKind;
      due: IsoDate;
      until: IsoDate;
      by: string;
      reason: string;
    };

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

import type { NoticeData } from "../cases/notices.ts";
import { dayMessage } from "../ui/dayMessageView.ts";
import { digestMessage } from "../ui/digestView.ts";
import { type HandoverRequestPayload, handoverRequestMessage } from "../ui/handoverViews.ts";
import { noticeMessage } from "../ui/noticeViews.ts";
import { reminderMessage } from "../ui/reminderView.ts";
import { type Message, message } from "../ui/view.ts";
import type { DayMessagePayload } from "./dayMessage.ts";
import type { Digest } from "./digest.ts";
import type { ReminderPayload } from "./reminderSweep.ts";

// What an outbox row carries: data, not rendered text, so a message is rendered when it is sent.

export type AdminPayload = { type: "admin"; text: string };
export type DigestPayload = { type: "digest"; digest: Digest };
export type Payload =
  | ReminderPayload
  | DayMessagePayload
  | DigestPayload
  | AdminPayload
  | NoticeData
  | HandoverRequestPayload;

export function renderPayload(payload: Payload): Message {
  switch (payload.type) {
    case "reminder":
      return reminderMessage(payload);
    case "mijn_dag":
      return dayMessage(payload);
    case "digest":
      return digestMessage(payload.digest);
    case "admin":
      return message(payload.text, [{ type: "text", text: payload.text }]);
    case "handover_rejected":
    case "handover_accepted":
    case "handover_assigned":
    case "terugstroom_ccp":
    case "handover_withdrawn":
    case "reminder_snoozed":
      return noticeMessage(payload);
    case "handover_request":
      return handoverRequestMessage(payload);
  }
}

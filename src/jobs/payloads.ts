import { digestMessage } from "../ui/digestView.ts";
import { type HandoverRequestPayload, handoverRequestMessage } from "../ui/handoverViews.ts";
import { reminderMessage } from "../ui/reminderView.ts";
import { type Message, message } from "../ui/view.ts";
import type { Digest } from "./digest.ts";
import type { ReminderPayload } from "./reminderSweep.ts";

// What an outbox row carries: data, not rendered text, so a message is rendered when it is sent.

export type AdminPayload = { type: "admin"; text: string };
export type DigestPayload = { type: "digest"; digest: Digest };
export type NoticePayload = { type: "notice"; message: Message };
export type Payload = ReminderPayload | DigestPayload | AdminPayload | NoticePayload | HandoverRequestPayload;

export function renderPayload(payload: Payload): Message {
  switch (payload.type) {
    case "reminder":
      return reminderMessage(payload);
    case "digest":
      return digestMessage(payload.digest);
    case "admin":
      return message(payload.text, [{ type: "text", text: payload.text }]);
    case "notice":
      return payload.message;
    case "handover_request":
      return handoverRequestMessage(payload);
  }
}

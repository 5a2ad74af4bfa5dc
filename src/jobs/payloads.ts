import { type Payload, readPayload } from "../cases/payloads.ts";
import { dayMessage } from "../ui/dayMessageView.ts";
import { digestMessage } from "../ui/digestView.ts";
import { handoverRequestMessage } from "../ui/handoverViews.ts";
import { noticeMessage } from "../ui/noticeViews.ts";
import { reminderMessage } from "../ui/reminderView.ts";
import { type Message, message } from "../ui/view.ts";

// The one place that turns each kind of outbox payload (src/cases/payloads.ts) into a message.

export type { Payload };

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

/** A stored row's payload as its message, or why it cannot be rendered (it does not fit the union). */
export function renderStored(
  raw: unknown,
): { ok: true; payload: Payload; message: Message } | { ok: false; why: string } {
  const read = readPayload(raw);
  return read.ok ? { ok: true, payload: read.payload, message: renderPayload(read.payload) } : read;
}

import type { ReminderPayload } from "../cases/payloads.ts";
import { dutchDate } from "../domain/dates.ts";
import { type ButtonRef, button } from "./control.ts";
import { arijButtons } from "./controls/arij.ts";
import { contactButtons } from "./controls/contact.ts";
import { herinneringenButtons, type ReminderRef } from "./controls/herinneringen.ts";
import { triageButtons } from "./controls/triage.ts";
import { zaakButtons } from "./controls/zaak.ts";
import { DEADLINE_LABEL } from "./labels.ts";
import { type Action, type Message, message } from "./view.ts";

// A reminder DM: what is due on which case, with the buttons to act on it at once.

const STAGE_TEXT = {
  vooraf: "binnenkort",
  vandaag: "vandaag",
  te_laat: "te laat",
  escalatie: "te laat (escalatie)",
} as const;

/** The button whose form does the work for a deadline kind; null: the milestone form (zaak). */
export function openButtonFor(kind: ReminderPayload["kind"]): ButtonRef<string> | null {
  switch (kind) {
    case "triage":
      return triageButtons.open;
    case "eerste_contact":
    case "contact":
      return contactButtons.open;
    case "arij_mdo":
    case "arij":
      return arijButtons.open;
    default:
      return null;
  }
}

/** "Registreren": the form of what is due (a milestone without a form of its own: marking it done). */
export const registerButton = (r: ReminderPayload): Action => {
  const open = openButtonFor(r.kind);
  return open
    ? button(open, "Registreren", r.zaaknummer, "primary")
    : button(zaakButtons.mijlpaal, "Registreren", r.zaaknummer, "primary");
};

export function reminderMessage(r: ReminderPayload): Message {
  const what = DEADLINE_LABEL[r.kind];
  const when = `${STAGE_TEXT[r.stage]}: ${what} voor zaak ${r.zaaknummer}, uiterlijk ${dutchDate(r.due)}`;
  const ref: ReminderRef = { z: r.zaaknummer, k: r.kind, d: r.due, s: r.stage };
  const actions: Action[] =
    r.stage === "escalatie"
      ? [button(zaakButtons.open, "Zaakkaart", r.zaaknummer)]
      : [
          registerButton(r),
          button(herinneringenButtons.gedaan, "Al gedaan", ref),
          button(herinneringenButtons.uitstellen, "Uitstellen", ref),
        ];
  return message(`Herinnering ${when}`, [
    { type: "heading", text: r.stage === "escalatie" ? "Escalatie" : "Herinnering" },
    {
      type: "text",
      text:
        r.stage === "escalatie"
          ? `*${what}* voor zaak ${r.zaaknummer} is te laat sinds ${dutchDate(r.due)}${r.owner ? ` (eigenaar: ${r.owner})` : " (geen eigenaar)"}.`
          : `*${what[0]?.toUpperCase()}${what.slice(1)}* voor zaak ${r.zaaknummer}: ${STAGE_TEXT[r.stage]}, uiterlijk ${dutchDate(r.due)}.`,
    },
    ...(r.snoozeReason ? [{ type: "context" as const, text: `Uitgesteld: ${r.snoozeReason}` }] : []),
    { type: "actions", actions },
  ]);
}

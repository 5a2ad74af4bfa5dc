import type { ReminderPayload } from "../jobs/reminderSweep.ts";
import { dutchDate } from "./caseViews.ts";
import { DEADLINE_LABEL } from "./labels.ts";
import { type Action, type Message, message } from "./view.ts";

// A reminder DM: what is due on which case, with the buttons to act on it at once.

const STAGE_TEXT = {
  vooraf: "binnenkort",
  vandaag: "vandaag",
  te_laat: "te laat",
  escalatie: "te laat (escalatie)",
} as const;

/** The form that does the work for each deadline kind. */
export function openActionFor(kind: ReminderPayload["kind"]): string {
  switch (kind) {
    case "triage":
      return "triage.open";
    case "eerste_contact":
    case "contact":
      return "contact.open";
    case "arij_mdo":
    case "arij":
      return "arij.open";
    default:
      return "zaak.mijlpaal";
  }
}

export function reminderMessage(r: ReminderPayload): Message {
  const what = DEADLINE_LABEL[r.kind];
  const when = `${STAGE_TEXT[r.stage]}: ${what} voor zaak ${r.zaaknummer}, uiterlijk ${dutchDate(r.due)}`;
  const value = JSON.stringify({ z: r.zaaknummer, k: r.kind, d: r.due, s: r.stage });
  const actions: Action[] =
    r.stage === "escalatie"
      ? [{ id: "zaak.open", label: "Zaakkaart", value: r.zaaknummer }]
      : [
          { id: openActionFor(r.kind), label: "Registreren", value: r.zaaknummer, style: "primary" },
          { id: "herinneringen.gedaan", label: "Al gedaan", value },
          { id: "herinneringen.uitstellen", label: "Uitstellen", value },
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

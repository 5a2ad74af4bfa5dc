import { type Form, type Message, message } from "./view.ts";

// When saving a form takes longer than a platform waits for its answer, the form is closed with a
// "still saving" note and the outcome follows as a message.

/** A form that is still being saved, or (`what: "action"`) a button whose answer is still coming. */
export function stillSavingMessage(what: "form" | "action" = "form"): Message {
  const text =
    what === "form"
      ? "Zicht is nog bezig met opslaan. Je krijgt zo een bericht met de uitkomst; je kunt dit venster sluiten."
      : "Zicht is nog bezig. Je krijgt zo een bericht met het antwoord.";
  return message("Zicht is nog bezig", [
    { type: "heading", text: "Even geduld" },
    { type: "text", text },
  ]);
}

/** The field errors of a submission that was answered late, with the labels the person saw. */
export function notSavedMessage(errors: Record<string, string>, form?: Form): Message {
  const label = (field: string) => form?.fields.find((f) => f.id === field)?.label;
  const items = Object.entries(errors).map(([field, error]) => {
    const l = label(field);
    return l ? `${l}: ${error}` : error;
  });
  return message("Niet opgeslagen", [
    { type: "heading", text: "Niet opgeslagen" },
    { type: "text", text: "Je formulier is niet opgeslagen:" },
    { type: "list", items },
    { type: "text", text: "Open het formulier opnieuw om het te verbeteren." },
  ]);
}

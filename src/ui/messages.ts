import type { CaseError } from "../cases/result.ts";
import { type Message, message } from "./view.ts";

// Messages every command shares, in Dutch.

export interface CommandInfo {
  name: string;
  usage: string;
  description: string;
}

/** How a person types a command on their platform: Slack's slash command, a message to the bot elsewhere. */
export function commandSyntax(via: string, usage: string): string {
  if (via === "slack") return `/zicht ${usage}`;
  if (via === "teams") return `@Zicht ${usage}`;
  return usage;
}

export function helpMessage(commands: readonly CommandInfo[], intro = "Dit kun je Zicht vragen:"): Message {
  return message("Hulp bij Zicht", [
    { type: "heading", text: "Zicht — hulp" },
    { type: "text", text: intro },
    { type: "list", items: commands.map((c) => `*${c.usage}* — ${c.description}`) },
    { type: "context", text: "Zicht toont alleen zaaknummers; zoek details op in het zaaksysteem." },
  ]);
}

export const unknownCommandMessage = (name: string, commands: readonly CommandInfo[]): Message =>
  helpMessage(commands, `Die opdracht ken ik niet: "${name.slice(0, 40)}". Dit kun je Zicht vragen:`);

export const unknownUserMessage = (): Message =>
  message("Je bent nog niet bekend in Zicht", [
    {
      type: "text",
      text: "Sorry, je bent nog niet bekend in Zicht. Vraag de functioneel beheerder om je toe te voegen.",
    },
  ]);

export const errorMessage = (reference: string): Message =>
  message("Er ging iets mis", [
    {
      type: "text",
      text: `Er ging iets mis aan onze kant; er is niets opgeslagen dat je nog niet zag. Probeer het later opnieuw of geef deze referentie door aan de beheerder: ${reference}`,
    },
  ]);

/** A button or form whose value Zicht cannot read (an old message, or one changed on the way). */
export const staleControlMessage = (reference: string): Message =>
  message("Deze knop werkt niet meer", [
    {
      type: "text",
      text: `Deze knop of dit formulier werkt niet meer; er is niets opgeslagen. Vraag het opnieuw aan Zicht (typ *help* voor de opdrachten). Referentie: ${reference}`,
    },
  ]);

/** A button that records something was pressed again: it was recorded once. */
export const alreadyDoneMessage = (): Message =>
  message("Dat is al verwerkt", [
    {
      type: "text",
      text: "Je drukte hier al eerder op; het is één keer vastgelegd. Er is niets dubbel opgeslagen.",
    },
  ]);

/** The database cannot be reached right now: nothing was saved, try again shortly. */
export const unavailableMessage = (reference: string): Message =>
  message("Zicht kan nu even niet bij zijn gegevens", [
    {
      type: "text",
      text: `Zicht kan nu even niet bij zijn gegevens. Er is niets opgeslagen of gewijzigd. Probeer het over een paar minuten opnieuw; lukt het dan nog niet, geef deze referentie door aan de beheerder: ${reference}`,
    },
  ]);

/** The answer to an unexpected error: "try again shortly" when the database is away, else "something went wrong". */
export const failureMessage = (unavailable: boolean, reference: string): Message =>
  unavailable ? unavailableMessage(reference) : errorMessage(reference);

/** A refused use case (not found, no permission, conflict) as a message for the requester. */
export const caseErrorMessage = (error: CaseError): Message =>
  message(error.message, [
    { type: "text", text: error.message },
    ...Object.entries(error.fields ?? {})
      .filter(([, text]) => text !== error.message)
      .map(([, text]) => ({ type: "context" as const, text })),
  ]);

/** Said in a channel or group chat instead of the answer, which went to the person privately. */
export const PRIVATE_ANSWER_NOTE = "Het antwoord staat in je chat met Zicht.";

/** Said to the presser of a channel card when the answer follows in the conversation, seen by them only. */
export const PRIVATE_ANSWER_HERE = "Het antwoord staat hieronder; alleen jij ziet het.";

/** Said in a channel when the private chat could not be reached: still nothing about the case. */
export const PRIVATE_ANSWER_FAILED =
  "Ik kon je niet privé antwoorden. Open een chat met Zicht en vraag het daar opnieuw.";

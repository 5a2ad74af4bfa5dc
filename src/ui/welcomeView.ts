import type { Home } from "../cases/home.ts";
import type { Role } from "../domain/types.ts";
import { homeMessage } from "./homeView.ts";
import { ROLE_LABEL } from "./labels.ts";
import { type Message, message } from "./view.ts";

// The first thing a person sees when Zicht is installed for them: what it is, and the one step that
// fits their role.

const FIRST_STEP: Record<Role, string> = {
  ccp: "Typ *triage* om een nieuwe zaak te triëren met Bijlage 1.",
  jeugdbeschermer: "Typ *herinneringen* om je termijnen van de komende werkdagen te zien.",
  assistent_jeugdbeschermer: "Typ *herinneringen* om je termijnen van de komende werkdagen te zien.",
  praktijkbegeleider: "Typ *werkvoorraad* om de zaken van je team op prioriteit te zien.",
  gedragswetenschapper: "Typ *kernbeslissing ZAAKNUMMER* om een kernbeslissing vast te leggen.",
  teammanager: "Typ *capaciteit* om de vrije capaciteit per team te zien.",
  beheerder: "Typ *help* om te zien wat Zicht kan; mensen koppel je met de beheeropdrachten.",
};

export function welcomeMessage(role: Role | null): Message {
  return message("Welkom bij Zicht", [
    { type: "heading", text: "Welkom bij Zicht" },
    {
      type: "text",
      text: "Zicht helpt je zicht te houden op ieder kind dat wacht: triage, werkvoorraad, termijnen, herinneringen en overdrachten. Zicht toont alleen zaaknummers; namen en details blijven in het zaaksysteem.",
    },
    role
      ? { type: "text", text: `Als ${ROLE_LABEL[role]}: ${FIRST_STEP[role]}` }
      : {
          type: "text",
          text: "Je bent nog niet bekend in Zicht. Vraag de functioneel beheerder om je toe te voegen.",
        },
    { type: "context", text: "Typ *help* voor alle opdrachten." },
  ]);
}

/**
 * The first card in a person's chat: the welcome, then their home under it, kept current by the
 * platform (Teams refreshes it with the home's action, so the welcome stays on top).
 */
export function welcomeHomeMessage(home: Home): Message {
  const welcome = welcomeMessage(home.person.role);
  const current = homeMessage(home, true);
  return {
    ...current,
    blocks: [...welcome.blocks.filter((b) => b.type !== "context"), { type: "divider" }, ...current.blocks],
  };
}

/** Said in a team's channel when Zicht is added there: answers never come in the channel. */
export const teamWelcomeText =
  "Zicht is toegevoegd aan dit team. Wat je Zicht hier vraagt, beantwoordt Zicht in je eigen chat met Zicht; in dit kanaal komt alleen het weekoverzicht.";

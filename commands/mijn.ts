import { readHome } from "../src/cases/home.ts";
import { mijnButtons } from "../src/ui/controls/mijn.ts";
import { homeMessage } from "../src/ui/homeView.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Reply } from "../src/ui/view.ts";
import { welcomeHomeMessage } from "../src/ui/welcomeView.ts";
import { type Command, type CommandContext, on } from "./command.ts";

/** The person's home, as it is now; `welcome` keeps the welcome above it (the card Teams shows first). */
export async function home(c: CommandContext, welcome = false): Promise<Reply> {
  const result = await readHome(c.ctx, c.actor);
  if (!result.ok) return { kind: "message", message: caseErrorMessage(result.error) };
  return {
    kind: "message",
    message: welcome ? welcomeHomeMessage(result.value) : homeMessage(result.value),
  };
}

export const mijn: Command = {
  name: "mijn",
  description:
    "Jouw overzicht: termijnen deze week, je zaken, overdrachten voor jou en (PB) je werkvoorraad.",
  usage: "mijn",
  run: (c) => home(c),
  buttons: [on(mijnButtons.verversen, (c, value) => home(c, value === "welkom"))],
};

import { readHome } from "../src/cases/home.ts";
import { HOME_REFRESH_ACTION, homeMessage } from "../src/ui/homeView.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Reply } from "../src/ui/view.ts";
import { welcomeHomeMessage } from "../src/ui/welcomeView.ts";
import type { Command, CommandContext } from "./command.ts";

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
  actions: {
    [HOME_REFRESH_ACTION]: (c, value) => home(c, value === "welkom"),
  },
};

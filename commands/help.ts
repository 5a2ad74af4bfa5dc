import { helpMessage } from "../src/ui/messages.ts";
import type { Command } from "./command.ts";

export const help: Command = {
  name: "help",
  description: "Toont wat je Zicht kunt vragen.",
  usage: "help",
  async run() {
    // Imported lazily: the list of commands includes this one.
    const { COMMANDS } = await import("./index.ts");
    return { kind: "message", message: helpMessage(COMMANDS) };
  },
};

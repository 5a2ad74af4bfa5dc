import { helpMessage } from "../src/ui/messages.ts";
import type { Command } from "./command.ts";

export const help: Command = {
  name: "help",
  description: "Toont wat je Zicht kunt vragen.",
  usage: "help",
  run: async (c) => ({ kind: "message", message: helpMessage(c.commands) }),
};

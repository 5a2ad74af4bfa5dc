import { capacityOverview } from "../src/cases/capacityOverview.ts";
import { capacityMessage } from "../src/ui/caseViews.ts";
import { capaciteitButtons } from "../src/ui/controls/capaciteit.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Reply } from "../src/ui/view.ts";
import { type Command, type CommandContext, on } from "./command.ts";

async function page(c: CommandContext, offset: number): Promise<Reply> {
  const result = await capacityOverview(c.ctx);
  return {
    kind: "message",
    message: result.ok ? capacityMessage(result.value, offset) : caseErrorMessage(result.error),
  };
}

export const capaciteit: Command = {
  name: "capaciteit",
  description: "Toont de vrije capaciteit per team en per persoon.",
  usage: "capaciteit",
  run: (c) => page(c, 0),
  buttons: [on(capaciteitButtons.page, page)],
};

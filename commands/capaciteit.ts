import { capacityOverview } from "../src/cases/capacityOverview.ts";
import { capacityMessage } from "../src/ui/caseViews.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Command } from "./command.ts";

export const capaciteit: Command = {
  name: "capaciteit",
  description: "Toont de vrije capaciteit per team en per persoon.",
  usage: "capaciteit",
  async run(c) {
    const result = await capacityOverview(c.ctx);
    return {
      kind: "message",
      message: result.ok ? capacityMessage(result.value) : caseErrorMessage(result.error),
    };
  },
};

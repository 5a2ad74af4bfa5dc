import { computeFigures } from "../src/cases/figures.ts";
import { parseDutchOrIsoDate } from "../src/ui/dateInput.ts";
import { figuresMessage } from "../src/ui/figuresView.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Command } from "./command.ts";

export const cijfers: Command = {
  name: "cijfers",
  description: "Toont de cijfers van de werkvoorraad: omvang, wachttijd, normen, LHP-minimum en caseload.",
  usage: "cijfers [TEAM] [PEILDATUM]",
  async run(c, args) {
    // Any order: a date is the reference date, anything else a team code.
    const date = args.map(parseDutchOrIsoDate).find((d) => d !== null) ?? undefined;
    const team = args.find((a) => parseDutchOrIsoDate(a) === null);
    const result = await computeFigures(c.ctx, c.person, { peildatum: date, team });
    return {
      kind: "message",
      message: result.ok ? figuresMessage(result.value, c.ctx.policy) : caseErrorMessage(result.error),
    };
  },
};

import { computeFigures } from "../src/cases/figures.ts";
import { figuresChartImage } from "../src/reports/chartImage.ts";
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
    if (!result.ok) return { kind: "message", message: caseErrorMessage(result.error) };
    const f = result.value;
    const chart = await figuresChartImage(f, c.ctx.policy, `Cijfers ${f.teamName ?? "alle teams"}`);
    return { kind: "message", message: figuresMessage(f, c.ctx.policy, chart) };
  },
};

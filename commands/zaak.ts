import { showCase } from "../src/cases/caseCard.ts";
import { markMilestone } from "../src/cases/markMilestone.ts";
import { MARKABLE_MILESTONES } from "../src/domain/types.ts";
import { caseCardMessage, caseUpdateMessage } from "../src/ui/caseViews.ts";
import { submitReply, text } from "../src/ui/formValues.ts";
import { MILESTONE_LABEL } from "../src/ui/labels.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Form, Reply } from "../src/ui/view.ts";
import { usageReply, withCaseForm } from "./args.ts";
import type { Command, CommandContext } from "./command.ts";

const milestoneForm = (zaaknummer: string, today: string): Form => ({
  id: "zaak.mijlpaal",
  title: "Mijlpaal afronden",
  submitLabel: "Afronden",
  intro: `Zaak ${zaaknummer}.`,
  state: zaaknummer,
  fields: [
    {
      id: "kind",
      kind: "select",
      label: "Mijlpaal",
      required: true,
      options: MARKABLE_MILESTONES.map((m) => ({ value: m, label: MILESTONE_LABEL[m] })),
    },
    { id: "doneOn", kind: "date", label: "Afgerond op", required: true, initial: today },
  ],
});

async function card(c: CommandContext, zaaknummer: string | undefined): Promise<Reply> {
  if (!zaaknummer) return usageReply(zaak.usage, "Noem het zaaknummer.");
  const result = await showCase(c.ctx, c.actor, { zaaknummer });
  return {
    kind: "message",
    message: result.ok ? caseCardMessage(result.value, c.ctx.today()) : caseErrorMessage(result.error),
  };
}

export const zaak: Command = {
  name: "zaak",
  description: "Toont de zaakkaart: fase, team, termijnen, contact, ARIJ en overdrachten.",
  usage: "zaak ZAAKNUMMER",
  run: (c, args) => card(c, args[0]),
  async submit(c, _formId, values, state) {
    const result = await markMilestone(c.ctx, c.actor, {
      zaaknummer: state,
      kind: text(values, "kind"),
      doneOn: text(values, "doneOn"),
    });
    return submitReply(milestoneForm(state, c.ctx.today()), result, (u) =>
      caseUpdateMessage("Mijlpaal afgerond", u, c.ctx.today()),
    );
  },
  actions: {
    "zaak.open": (c, zaaknummer) => card(c, zaaknummer),
    "zaak.mijlpaal": (c, zaaknummer) =>
      withCaseForm(c, [zaaknummer], zaak.usage, (z) => ({
        kind: "form",
        form: milestoneForm(z, c.ctx.today()),
      })),
  },
};

import { listPeopleWithRole } from "../src/cases/lookups.ts";
import { canRecordKernbeslissing } from "../src/cases/permissions.ts";
import { recordKernbeslissing } from "../src/cases/recordKernbeslissing.ts";
import { caseUpdateMessage } from "../src/ui/caseViews.ts";
import { form as openForm } from "../src/ui/control.ts";
import { kernbeslissingButtons, kernbeslissingForms } from "../src/ui/controls/kernbeslissing.ts";
import { submitReply, text, wholeNumber } from "../src/ui/formValues.ts";
import { undoFor } from "../src/ui/undo.ts";
import type { Form, Option } from "../src/ui/view.ts";
import { withCaseForm } from "./args.ts";
import { type Command, type CommandContext, on, onSubmit } from "./command.ts";

async function form(c: CommandContext, zaaknummer: string): Promise<Form> {
  const gws: Option[] = (await listPeopleWithRole(c.ctx, "gedragswetenschapper")).map((p) => ({
    value: p.code,
    label: p.name,
  }));
  return openForm(kernbeslissingForms.kernbeslissing, zaaknummer, {
    title: "Kernbeslissing",
    submitLabel: "Opslaan",
    long: true,
    intro: `Zaak ${zaaknummer}: de minimale contactfrequentie, vastgesteld met een gedragswetenschapper.`,
    fields: [
      { id: "date", kind: "date", label: "Datum kernbeslissing", required: true, initial: c.ctx.today() },
      {
        id: "contactFrequencyWeeks",
        kind: "number",
        label: "Minimale contactfrequentie (weken)",
        required: true,
        min: 1,
        max: c.ctx.policy.deadlines.contactFrequencyMaxWeeks,
        hint: `Eens per zoveel weken face-to-face contact; de norm is minimaal eens per ${c.ctx.policy.deadlines.contactMonths} maanden.`,
      },
      { id: "gw", kind: "select", label: "Gedragswetenschapper", required: true, options: gws },
      { id: "plannedNext", kind: "date", label: "Volgend kernbesluit gepland op", required: false },
    ],
  });
}

export const kernbeslissing: Command = {
  name: "kernbeslissing",
  description: "Leg een kernbeslissing vast met de minimale contactfrequentie.",
  usage: "kernbeslissing ZAAKNUMMER",
  run: (c, args) =>
    withCaseForm(
      c,
      args,
      kernbeslissing.usage,
      async (z) => ({ kind: "form", form: await form(c, z) }),
      canRecordKernbeslissing,
    ),
  forms: [
    onSubmit(kernbeslissingForms.kernbeslissing, async (c, values, state) => {
      const result = await recordKernbeslissing(c.ctx, c.actor, {
        zaaknummer: state,
        date: text(values, "date"),
        contactFrequencyWeeks: wholeNumber(values, "contactFrequencyWeeks"),
        gw: text(values, "gw"),
        plannedNext: text(values, "plannedNext") ?? null,
      });
      return submitReply(await form(c, state), result, (u) =>
        caseUpdateMessage("Kernbeslissing vastgelegd", u, c.ctx.today(), undoFor("kernbeslissing", u)),
      );
    }),
  ],
  buttons: [on(kernbeslissingButtons.open, (c, zaaknummer) => kernbeslissing.run(c, [zaaknummer]))],
};

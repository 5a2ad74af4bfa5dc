import { recordArij } from "../src/cases/recordArij.ts";
import { ARIJ_REASONS, RISK_LEVELS } from "../src/domain/types.ts";
import { caseUpdateMessage } from "../src/ui/caseViews.ts";
import { form as openForm } from "../src/ui/control.ts";
import { arijButtons, arijForms } from "../src/ui/controls/arij.ts";
import { submitReply, text } from "../src/ui/formValues.ts";
import { ARIJ_REASON_LABEL, RISK_LABEL } from "../src/ui/labels.ts";
import { undoFor } from "../src/ui/undo.ts";
import type { Form } from "../src/ui/view.ts";
import { withCaseForm } from "./args.ts";
import { type Command, on, onSubmit } from "./command.ts";

const form = (zaaknummer: string, today: string): Form =>
  openForm(arijForms.arij, zaaknummer, {
    title: "ARIJ registreren",
    submitLabel: "Opslaan",
    intro: `Zaak ${zaaknummer}: de uitkomst van de risicotaxatie.`,
    fields: [
      { id: "date", kind: "date", label: "Datum", required: true, initial: today },
      {
        id: "risk",
        kind: "select",
        label: "Risico",
        required: true,
        options: RISK_LEVELS.map((r) => ({ value: r, label: RISK_LABEL[r] })),
      },
      {
        id: "reason",
        kind: "select",
        label: "Aanleiding",
        required: true,
        options: ARIJ_REASONS.map((r) => ({ value: r, label: ARIJ_REASON_LABEL[r] })),
        initial: "periodiek",
      },
    ],
  });

export const arij: Command = {
  name: "arij",
  description: "Registreer een ARIJ (risicotaxatie) bij een zaak.",
  usage: "arij ZAAKNUMMER",
  run: (c, args) =>
    withCaseForm(c, args, arij.usage, (z) => ({ kind: "form", form: form(z, c.ctx.today()) })),
  forms: [
    onSubmit(arijForms.arij, async (c, values, state) => {
      const result = await recordArij(c.ctx, c.actor, {
        zaaknummer: state,
        date: text(values, "date"),
        risk: text(values, "risk"),
        reason: text(values, "reason"),
      });
      return submitReply(form(state, c.ctx.today()), result, (u) =>
        caseUpdateMessage("ARIJ geregistreerd", u, c.ctx.today(), undoFor("arij", u)),
      );
    }),
  ],
  buttons: [on(arijButtons.open, (c, zaaknummer) => arij.run(c, [zaaknummer]))],
};

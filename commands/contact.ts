import { recordContact } from "../src/cases/recordContact.ts";
import { CONTACT_KINDS } from "../src/domain/types.ts";
import { caseUpdateMessage } from "../src/ui/caseViews.ts";
import { form as openForm } from "../src/ui/control.ts";
import { contactButtons, contactForms } from "../src/ui/controls/contact.ts";
import { submitReply, text, YES_NO, yesNo } from "../src/ui/formValues.ts";
import { CONTACT_KIND_LABEL } from "../src/ui/labels.ts";
import { undoFor } from "../src/ui/undo.ts";
import type { Form } from "../src/ui/view.ts";
import { withCaseForm } from "./args.ts";
import { type Command, on, onSubmit } from "./command.ts";

const form = (zaaknummer: string, today: string): Form =>
  openForm(contactForms.contact, zaaknummer, {
    title: "Contact registreren",
    submitLabel: "Opslaan",
    intro: `Zaak ${zaaknummer}. Alleen face-to-face contact met het kind telt voor de contactnorm.`,
    fields: [
      { id: "date", kind: "date", label: "Datum", required: true, initial: today },
      {
        id: "kind",
        kind: "select",
        label: "Soort contact",
        required: true,
        options: CONTACT_KINDS.map((k) => ({ value: k, label: CONTACT_KIND_LABEL[k] })),
        initial: "kind_face_to_face",
      },
      {
        id: "newConcerns",
        kind: "select",
        label: "Nieuwe zorgen?",
        required: true,
        options: YES_NO,
        initial: "nee",
        hint: "Bij nieuwe zorgen is meteen een nieuwe ARIJ nodig.",
      },
    ],
  });

export const contact: Command = {
  name: "contact",
  description: "Registreer een contactmoment met een zaak.",
  usage: "contact ZAAKNUMMER",
  run: (c, args) =>
    withCaseForm(c, args, contact.usage, (z) => ({ kind: "form", form: form(z, c.ctx.today()) })),
  forms: [
    onSubmit(contactForms.contact, async (c, values, state) => {
      const result = await recordContact(c.ctx, c.actor, {
        zaaknummer: state,
        date: text(values, "date"),
        kind: text(values, "kind"),
        newConcerns: yesNo(values, "newConcerns"),
      });
      return submitReply(form(state, c.ctx.today()), result, (u) =>
        caseUpdateMessage("Contact geregistreerd", u, c.ctx.today(), undoFor("contact", u)),
      );
    }),
  ],
  buttons: [on(contactButtons.open, (c, zaaknummer) => contact.run(c, [zaaknummer]))],
};

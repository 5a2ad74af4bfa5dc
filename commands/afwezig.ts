import { absenceCandidates } from "../src/cases/lookups.ts";
import { recordAbsence } from "../src/cases/recordAbsence.ts";
import { dutchDate } from "../src/domain/dates.ts";
import { form } from "../src/ui/control.ts";
import { afwezigForms } from "../src/ui/controls/afwezig.ts";
import { submitReply, text } from "../src/ui/formValues.ts";
import { type Form, message } from "../src/ui/view.ts";
import { type Command, type CommandContext, onSubmit } from "./command.ts";

async function absenceForm(c: CommandContext): Promise<Form> {
  const options = (await absenceCandidates(c.ctx, c.person)).map((p) => ({ value: p.code, label: p.name }));
  return form(afwezigForms.afwezig, "", {
    title: "Afwezigheid",
    submitLabel: "Opslaan",
    intro:
      "Verlof of ziekte: op deze dagen komt er geen dagbericht, en termijnen die dan verlopen gaan naar de praktijkbegeleider.",
    fields: [
      { id: "person", kind: "select", label: "Wie", required: true, options, initial: c.person.code },
      { id: "from", kind: "date", label: "Van", required: true, initial: c.ctx.today() },
      { id: "to", kind: "date", label: "Tot en met", required: true, initial: c.ctx.today() },
    ],
  });
}

export const afwezig: Command = {
  name: "afwezig",
  description: "Geef afwezigheid door (verlof, ziekte) voor jezelf of, als praktijkbegeleider, je team.",
  usage: "afwezig",
  run: async (c) => ({ kind: "form", form: await absenceForm(c) }),
  forms: [
    onSubmit(afwezigForms.afwezig, async (c, values) => {
      const result = await recordAbsence(c.ctx, c.actor, {
        person: text(values, "person"),
        from: text(values, "from"),
        to: text(values, "to"),
      });
      return submitReply(await absenceForm(c), result, (a) =>
        message(`${a.name} afwezig`, [
          {
            type: "text",
            text: `${a.name} is afwezig van ${dutchDate(a.from)} tot en met ${dutchDate(a.to)}. Termijnen die dan verlopen gaan naar de praktijkbegeleider.`,
          },
        ]),
      );
    }),
  ],
};

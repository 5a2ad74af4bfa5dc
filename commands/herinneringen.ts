import { myDeadlines } from "../src/cases/myDeadlines.ts";
import { SNOOZE_REASONS, snoozeReminder } from "../src/cases/snoozeReminder.ts";
import { MARKABLE_MILESTONES } from "../src/domain/types.ts";
import { caseLine, deadlineLine, dutchDate } from "../src/ui/caseViews.ts";
import { form } from "../src/ui/control.ts";
import {
  herinneringenButtons,
  herinneringenForms,
  type ReminderRef,
} from "../src/ui/controls/herinneringen.ts";
import { zaakButtons } from "../src/ui/controls/zaak.ts";
import { submitReply, text } from "../src/ui/formValues.ts";
import { count } from "../src/ui/labels.ts";
import { openButtonFor } from "../src/ui/reminderView.ts";
import { type Form, message, type Reply } from "../src/ui/view.ts";
import { type Command, type CommandContext, on, onSubmit } from "./command.ts";

const snoozeForm = (ref: ReminderRef): Form =>
  form(herinneringenForms.uitstellen, ref, {
    title: "Herinnering uitstellen",
    submitLabel: "Uitstellen",
    intro: `Zaak ${ref.z}. Je kunt elke herinnering één keer uitstellen; je praktijkbegeleider ziet het.`,
    fields: [
      {
        id: "reason",
        kind: "select",
        label: "Reden",
        required: true,
        options: Object.entries(SNOOZE_REASONS).map(([value, label]) => ({ value, label })),
      },
      {
        id: "workdays",
        kind: "select",
        label: "Hoe lang",
        required: true,
        options: [1, 2, 3, 5, 10].map((n) => ({
          value: String(n),
          label: `${n} werkdag${n === 1 ? "" : "en"}`,
        })),
        initial: "3",
      },
    ],
  });

/**
 * "Al gedaan": nothing is recorded without its real date and kind — the button opens the form that
 * records it, with today and the reminder's kind filled in for the person to confirm or change.
 */
function done(c: CommandContext, ref: ReminderRef): Promise<Reply> {
  const milestone = MARKABLE_MILESTONES.find((m) => m === ref.k);
  if (milestone) return c.press(zaakButtons.mijlpaal, { z: ref.z, k: milestone });
  const open = openButtonFor(ref.k);
  return open ? c.press(open, ref.z) : c.press(zaakButtons.mijlpaal, ref.z);
}

export const herinneringen: Command = {
  name: "herinneringen",
  description: "Toont jouw termijnen van de komende 5 werkdagen en wat te laat is.",
  usage: "herinneringen",
  async run(c) {
    const items = await myDeadlines(c.ctx, c.actor);
    const today = c.ctx.today();
    return {
      kind: "message",
      message: message(count(items.length, "termijn", "termijnen"), [
        { type: "heading", text: "Jouw termijnen" },
        items.length
          ? {
              type: "list",
              items: items.map((i) => caseLine(i.zaaknummer, `${i.zaaknummer}: ${deadlineLine(i, today)}`)),
            }
          : {
              type: "text",
              text: `Niets te doen in de komende ${c.ctx.policy.reminders.listWorkdaysAhead} werkdagen.`,
            },
      ]),
    };
  },
  forms: [
    onSubmit(herinneringenForms.uitstellen, async (c, values, ref) => {
      const result = await snoozeReminder(c.ctx, c.actor, {
        zaaknummer: ref.z,
        kind: ref.k,
        due: ref.d,
        stage: ref.s,
        workdays: text(values, "workdays"),
        reason: text(values, "reason"),
      });
      return submitReply(snoozeForm(ref), result, (s) =>
        message(`Uitgesteld tot ${dutchDate(s.until)}`, [
          {
            type: "text",
            text: `De herinnering voor zaak ${s.zaaknummer} is uitgesteld tot ${dutchDate(s.until)}. Je praktijkbegeleider is ingelicht.`,
          },
        ]),
      );
    }),
  ],
  buttons: [
    on(herinneringenButtons.gedaan, done),
    on(herinneringenButtons.uitstellen, async (_c, ref) => ({ kind: "form", form: snoozeForm(ref) })),
  ],
};

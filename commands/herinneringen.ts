import { myDeadlines } from "../src/cases/myDeadlines.ts";
import { SNOOZE_REASONS, snoozeReminder } from "../src/cases/snoozeReminder.ts";
import { MARKABLE_MILESTONES } from "../src/domain/types.ts";
import { caseLine, deadlineLine, dutchDate } from "../src/ui/caseViews.ts";
import { submitReply, text } from "../src/ui/formValues.ts";
import { count } from "../src/ui/labels.ts";
import { openActionFor } from "../src/ui/reminderView.ts";
import { type Form, message, type Reply } from "../src/ui/view.ts";
import type { Command, CommandContext } from "./command.ts";

/** The reminder a button belongs to, as packed by src/ui/reminderView.ts. */
interface ReminderRef {
  z: string;
  k: string;
  d: string;
  s: string;
}

function parseRef(value: string): ReminderRef | null {
  try {
    const v = JSON.parse(value) as ReminderRef;
    return typeof v.z === "string" && typeof v.k === "string" ? v : null;
  } catch {
    return null;
  }
}

const snoozeForm = (ref: ReminderRef): Form => ({
  id: "herinneringen.uitstellen",
  title: "Herinnering uitstellen",
  submitLabel: "Uitstellen",
  intro: `Zaak ${ref.z}. Je kunt elke herinnering één keer uitstellen; je praktijkbegeleider ziet het.`,
  state: JSON.stringify(ref),
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
async function done(c: CommandContext, ref: ReminderRef): Promise<Reply> {
  if ((MARKABLE_MILESTONES as readonly string[]).includes(ref.k)) {
    const { zaak } = await import("./zaak.ts");
    return (
      zaak.actions?.["zaak.mijlpaal"]?.(c, JSON.stringify({ z: ref.z, k: ref.k })) ?? herinneringen.run(c, [])
    );
  }
  const { COMMANDS } = await import("./index.ts");
  const action = openActionFor(ref.k as never);
  const handler = COMMANDS.find((cmd) => cmd.name === action.split(".")[0])?.actions?.[action];
  return handler
    ? handler(c, ref.z)
    : {
        kind: "message",
        message: message("Onbekende termijn", [{ type: "text", text: "Deze termijn ken ik niet." }]),
      };
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
  async submit(c, _formId, values, state) {
    const ref = parseRef(state);
    if (!ref) return { kind: "errors", errors: { reason: "Deze herinnering ken ik niet meer." } };
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
  },
  actions: {
    "herinneringen.gedaan": async (c, value) => {
      const ref = parseRef(value);
      return ref ? done(c, ref) : herinneringen.run(c, []);
    },
    "herinneringen.uitstellen": async (c, value) => {
      const ref = parseRef(value);
      return ref ? { kind: "form", form: snoozeForm(ref) } : herinneringen.run(c, []);
    },
  },
};

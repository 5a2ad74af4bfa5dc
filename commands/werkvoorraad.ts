import { OVERRIDE_REASONS, overridePriority } from "../src/cases/overridePriority.ts";
import { listWerkvoorraad } from "../src/cases/werkvoorraad.ts";
import { NOTE_MAX_LENGTH } from "../src/domain/privacy.ts";
import { PRIORITY_CLASSES } from "../src/domain/types.ts";
import { WERKVOORRAAD_PAGE, werkvoorraadMessage } from "../src/ui/caseViews.ts";
import { button, form } from "../src/ui/control.ts";
import {
  type WerkvoorraadPage as Page,
  werkvoorraadButtons,
  werkvoorraadForms,
} from "../src/ui/controls/werkvoorraad.ts";
import { submitReply, text } from "../src/ui/formValues.ts";
import { PRIORITY_LABEL } from "../src/ui/labels.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import { type Form, message, type Reply } from "../src/ui/view.ts";
import { type Command, type CommandContext, on, onSubmit } from "./command.ts";

async function page(c: CommandContext, p: Page): Promise<Reply> {
  const result = await listWerkvoorraad(
    c.ctx,
    {
      team: p.team ?? undefined,
      offset: Math.max(0, p.offset),
      limit: WERKVOORRAAD_PAGE,
    },
    c.actor,
  );
  if (!result.ok) return { kind: "message", message: caseErrorMessage(result.error) };
  const canOverride = c.person.role === "praktijkbegeleider";
  // The CRT's PB proposes terugstroom (domain.md §6).
  const canPropose = canOverride && c.person.teamKind === "crt";
  return {
    kind: "message",
    message: werkvoorraadMessage(result.value, p.team ?? undefined, canOverride, canPropose),
  };
}

async function overrideForm(c: CommandContext, p: Page): Promise<Form | null> {
  const result = await listWerkvoorraad(
    c.ctx,
    {
      team: p.team ?? undefined,
      offset: p.offset,
      limit: WERKVOORRAAD_PAGE,
    },
    c.actor,
  );
  const triaged = result.ok ? result.value.entries.filter((e) => e.priorityClass !== null) : [];
  if (triaged.length === 0) return null;
  return form(werkvoorraadForms.override, p, {
    title: "Prioriteit aanpassen",
    submitLabel: "Aanpassen",
    intro: "De berekende prioriteit is een voorstel; leg vast waarom je er anders over beslist.",
    fields: [
      {
        id: "zaaknummer",
        kind: "select",
        label: "Zaak",
        required: true,
        options: triaged.map((e) => ({
          value: e.zaaknummer,
          label: `${e.zaaknummer} (nu ${e.priorityClass})`,
        })),
      },
      {
        id: "priorityClass",
        kind: "select",
        label: "Nieuwe prioriteit",
        required: true,
        options: PRIORITY_CLASSES.map((k) => ({ value: k, label: PRIORITY_LABEL[k] })),
      },
      {
        id: "reason",
        kind: "select",
        label: "Reden",
        required: true,
        options: Object.entries(OVERRIDE_REASONS).map(([value, label]) => ({ value, label })),
      },
      {
        id: "note",
        kind: "textarea",
        label: "Notitie (niet verplicht)",
        required: false,
        maxLength: NOTE_MAX_LENGTH,
        hint: "Hoogstens 140 tekens. Geen namen, BSN, adressen, telefoonnummers of geboortedata.",
      },
    ],
  });
}

export const werkvoorraad: Command = {
  name: "werkvoorraad",
  description: "Toont de werkvoorraad op prioriteit; een praktijkbegeleider kan prioriteiten aanpassen.",
  usage: "werkvoorraad [TEAM]",
  run: (c, args) => page(c, { team: args[0]?.toUpperCase() ?? null, offset: 0 }),
  forms: [
    onSubmit(werkvoorraadForms.override, async (c, values, p) => {
      const form = await overrideForm(c, p);
      const result = await overridePriority(c.ctx, c.actor, {
        zaaknummer: text(values, "zaaknummer"),
        priorityClass: text(values, "priorityClass"),
        reason: text(values, "reason"),
        note: text(values, "note"),
      });
      return submitReply(form ?? { fields: [] }, result, (o) =>
        message(`Prioriteit van zaak ${o.zaaknummer} is nu ${o.priorityClass}`, [
          {
            type: "text",
            text: `Prioriteit van zaak ${o.zaaknummer} is nu *${PRIORITY_LABEL[o.priorityClass]}* (berekend: ${PRIORITY_LABEL[o.computed]}).`,
          },
          {
            type: "actions",
            actions: [button(werkvoorraadButtons.page, "Werkvoorraad", p)],
          },
        ]),
      );
    }),
  ],
  buttons: [
    on(werkvoorraadButtons.page, page),
    on(werkvoorraadButtons.override, async (c, value) => {
      if (c.person.role !== "praktijkbegeleider") {
        return {
          kind: "message",
          message: message("Geen toestemming", [
            { type: "text", text: "Alleen een praktijkbegeleider kan een prioriteit aanpassen." },
          ]),
        };
      }
      const shown = await overrideForm(c, value);
      return shown
        ? { kind: "form", form: shown }
        : {
            kind: "message",
            message: message("Geen zaken", [{ type: "text", text: "Geen getrieerde zaken op deze pagina." }]),
          };
    }),
  ],
};

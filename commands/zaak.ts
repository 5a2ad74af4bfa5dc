import { showCase } from "../src/cases/caseCard.ts";
import { canMarkComplex, markComplex } from "../src/cases/markComplex.ts";
import { markMilestone } from "../src/cases/markMilestone.ts";
import { MARKABLE_MILESTONES, type MarkableMilestone } from "../src/domain/types.ts";
import { caseCardMessage, caseUpdateMessage } from "../src/ui/caseViews.ts";
import { submitReply, text, YES_NO, yesNo } from "../src/ui/formValues.ts";
import { MILESTONE_LABEL } from "../src/ui/labels.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import type { Form, Reply } from "../src/ui/view.ts";
import { usageReply, withCaseForm } from "./args.ts";
import type { Command, CommandContext } from "./command.ts";

const milestoneForm = (zaaknummer: string, today: string, kind?: MarkableMilestone): Form => ({
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
      initial: kind,
    },
    { id: "doneOn", kind: "date", label: "Afgerond op", required: true, initial: today },
  ],
});

const complexForm = (zaaknummer: string, today: string): Form => ({
  id: "zaak.complex",
  title: "Complexe casus",
  submitLabel: "Opslaan",
  intro: `Zaak ${zaaknummer}. Complex: het volledige proces en veel regie nodig — een reden voor terugstroom.`,
  state: zaaknummer,
  fields: [
    { id: "complex", kind: "select", label: "Is de zaak complex?", required: true, options: YES_NO },
    { id: "date", kind: "date", label: "Beoordeeld op", required: true, initial: today },
  ],
});

function milestoneRef(value: string): { zaaknummer: string; kind?: MarkableMilestone } {
  try {
    const v: unknown = JSON.parse(value);
    if (v && typeof v === "object" && "z" in v && typeof v.z === "string") {
      const k = "k" in v ? v.k : undefined;
      const kind = MARKABLE_MILESTONES.find((m) => m === k);
      return { zaaknummer: v.z, kind };
    }
  } catch {
    // a plain zaaknummer
  }
  return { zaaknummer: value };
}

async function card(c: CommandContext, zaaknummer: string | undefined): Promise<Reply> {
  if (!zaaknummer) return usageReply(zaak.usage, "Noem het zaaknummer.", c.actor.via);
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
  async submit(c, formId, values, state) {
    if (formId === "zaak.complex") {
      const result = await markComplex(c.ctx, c.actor, {
        zaaknummer: state,
        complex: yesNo(values, "complex"),
        date: text(values, "date"),
      });
      return submitReply(complexForm(state, c.ctx.today()), result, (u) =>
        caseUpdateMessage("Complexiteit vastgelegd", u, c.ctx.today()),
      );
    }
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
    "zaak.complex": (c, zaaknummer) =>
      withCaseForm(
        c,
        [zaaknummer],
        zaak.usage,
        (z) => ({ kind: "form", form: complexForm(z, c.ctx.today()) }),
        (p) => canMarkComplex(p),
      ),
    "zaak.mijlpaal": (c, value) => {
      // A plain zaaknummer (case card), or {"z", "k"} from a reminder's "Al gedaan".
      const { zaaknummer, kind } = milestoneRef(value);
      return withCaseForm(c, [zaaknummer], zaak.usage, (z) => ({
        kind: "form",
        form: milestoneForm(z, c.ctx.today(), kind),
      }));
    },
  },
};

import type { CaseCard } from "../src/cases/caseCard.ts";
import { showCase } from "../src/cases/caseCard.ts";
import { canMarkComplex, markComplex } from "../src/cases/markComplex.ts";
import { markMilestone } from "../src/cases/markMilestone.ts";
import {
  CLOSE_REASONS,
  closeCase,
  REOPEN_REASONS,
  removeOverride,
  reopenCase,
  VOID_REASONS,
  voidRecord,
  WITHDRAW_REASONS,
  withdrawHandover,
} from "../src/cases/putRight.ts";
import { MARKABLE_MILESTONES, type MarkableMilestone } from "../src/domain/types.ts";
import { caseCardMessage, caseUpdateMessage, recordLabel } from "../src/ui/caseViews.ts";
import { button, form } from "../src/ui/control.ts";
import { zaakButtons, zaakForms } from "../src/ui/controls/zaak.ts";
import { submitReply, text, YES_NO, yesNo } from "../src/ui/formValues.ts";
import { MILESTONE_LABEL } from "../src/ui/labels.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import { UNDO_MINUTES } from "../src/ui/undo.ts";
import { type Field, type Form, type Message, message, type Reply } from "../src/ui/view.ts";
import { usageReply, withCaseForm } from "./args.ts";
import { type Command, type CommandContext, on, onSubmit } from "./command.ts";

const milestoneForm = (zaaknummer: string, today: string, kind?: MarkableMilestone): Form =>
  form(zaakForms.mijlpaal, zaaknummer, {
    title: "Mijlpaal afronden",
    submitLabel: "Afronden",
    intro: `Zaak ${zaaknummer}.`,
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

const complexForm = (zaaknummer: string, today: string): Form =>
  form(zaakForms.complex, zaaknummer, {
    title: "Complexe casus",
    submitLabel: "Opslaan",
    intro: `Zaak ${zaaknummer}. Complex: het volledige proces en veel regie nodig — een reden voor terugstroom.`,
    fields: [
      { id: "complex", kind: "select", label: "Is de zaak complex?", required: true, options: YES_NO },
      { id: "date", kind: "date", label: "Beoordeeld op", required: true, initial: today },
    ],
  });

const reasonField = (reasons: Record<string, string>): Field => ({
  id: "reason",
  kind: "select",
  label: "Reden",
  required: true,
  options: Object.entries(reasons).map(([value, label]) => ({ value, label })),
});

const correctForm = (zaaknummer: string, records: CaseCard["records"]): Form =>
  form(zaakForms.corrigeren, zaaknummer, {
    title: "Corrigeren",
    submitLabel: "Laten vervallen",
    intro: `Zaak ${zaaknummer}. De registratie blijft bewaard, gemarkeerd als vervallen; registreer daarna zo nodig opnieuw.`,
    fields: [
      {
        id: "record",
        kind: "select",
        label: "Registratie",
        required: true,
        options: records.map((r) => ({ value: `${r.record}:${r.id}`, label: recordLabel(r) })),
      },
      reasonField(VOID_REASONS),
    ],
  });

const closeForm = (zaaknummer: string): Form =>
  form(zaakForms.afsluiten, zaaknummer, {
    title: "Zaak afsluiten",
    submitLabel: "Afsluiten",
    intro: `Zaak ${zaaknummer} verdwijnt van alle lijsten en krijgt geen termijnen meer. Heropenen kan.`,
    fields: [reasonField(CLOSE_REASONS)],
  });

const reopenForm = (zaaknummer: string): Form =>
  form(zaakForms.heropenen, zaaknummer, {
    title: "Zaak heropenen",
    submitLabel: "Heropenen",
    intro: `Zaak ${zaaknummer} komt terug met haar termijnen.`,
    fields: [reasonField(REOPEN_REASONS)],
  });

const withdrawForm = (handoverId: number): Form =>
  form(zaakForms.overdrachtIntrekken, handoverId, {
    title: "Overdracht intrekken",
    submitLabel: "Intrekken",
    intro: "De praktijkbegeleider van het ontvangende team krijgt bericht.",
    fields: [reasonField(WITHDRAW_REASONS)],
  });

const done = (title: string, text: string, zaaknummer: string): Message =>
  message(title, [
    { type: "text", text },
    { type: "actions", actions: [button(zaakButtons.open, "Zaakkaart", zaaknummer)] },
  ]);

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
  forms: [
    onSubmit(zaakForms.corrigeren, async (c, values, zaaknummer) => {
      const [record, id] = (text(values, "record") ?? "").split(":");
      const result = await voidRecord(c.ctx, c.actor, {
        zaaknummer,
        record,
        id,
        reason: text(values, "reason"),
      });
      const found = await showCase(c.ctx, c.actor, { zaaknummer });
      return submitReply(correctForm(zaaknummer, found.ok ? found.value.records : []), result, (u) =>
        caseUpdateMessage("Registratie vervallen", u, c.ctx.today()),
      );
    }),
    onSubmit(zaakForms.afsluiten, async (c, values, zaaknummer) => {
      const result = await closeCase(c.ctx, c.actor, { zaaknummer, reason: text(values, "reason") });
      return submitReply(closeForm(zaaknummer), result, (u) =>
        done("Zaak afgesloten", `Zaak ${u.zaaknummer} is afgesloten.`, u.zaaknummer),
      );
    }),
    onSubmit(zaakForms.heropenen, async (c, values, zaaknummer) => {
      const result = await reopenCase(c.ctx, c.actor, { zaaknummer, reason: text(values, "reason") });
      return submitReply(reopenForm(zaaknummer), result, (u) =>
        caseUpdateMessage("Zaak heropend", u, c.ctx.today()),
      );
    }),
    onSubmit(zaakForms.overdrachtIntrekken, async (c, values, handoverId) => {
      const result = await withdrawHandover(c.ctx, c.actor, {
        handoverId: String(handoverId),
        reason: text(values, "reason"),
      });
      return submitReply(withdrawForm(handoverId), result, (w) =>
        done(
          "Overdracht ingetrokken",
          `De overdracht van zaak ${w.zaaknummer} is ingetrokken.`,
          w.zaaknummer,
        ),
      );
    }),
    onSubmit(zaakForms.complex, async (c, values, zaaknummer) => {
      const result = await markComplex(c.ctx, c.actor, {
        zaaknummer,
        complex: yesNo(values, "complex"),
        date: text(values, "date"),
      });
      return submitReply(complexForm(zaaknummer, c.ctx.today()), result, (u) =>
        caseUpdateMessage("Complexiteit vastgelegd", u, c.ctx.today()),
      );
    }),
    onSubmit(zaakForms.mijlpaal, async (c, values, zaaknummer) => {
      const result = await markMilestone(c.ctx, c.actor, {
        zaaknummer,
        kind: text(values, "kind"),
        doneOn: text(values, "doneOn"),
      });
      return submitReply(milestoneForm(zaaknummer, c.ctx.today()), result, (u) =>
        caseUpdateMessage("Mijlpaal afgerond", u, c.ctx.today()),
      );
    }),
  ],
  buttons: [
    on(zaakButtons.open, card),
    on(zaakButtons.corrigeren, async (c, zaaknummer) => {
      const found = await showCase(c.ctx, c.actor, { zaaknummer });
      if (!found.ok) return { kind: "message", message: caseErrorMessage(found.error) };
      return { kind: "form", form: correctForm(found.value.zaaknummer, found.value.records) };
    }),
    on(zaakButtons.afsluiten, (c, zaaknummer) =>
      withCaseForm(
        c,
        [zaaknummer],
        zaak.usage,
        (z) => ({ kind: "form", form: closeForm(z) }),
        () => true,
      ),
    ),
    on(zaakButtons.heropenen, async (_c, zaaknummer) => ({ kind: "form", form: reopenForm(zaaknummer) })),
    on(zaakButtons.overdrachtIntrekken, async (_c, handoverId) => ({
      kind: "form",
      form: withdrawForm(handoverId),
    })),
    on(zaakButtons.aanpassingIntrekken, async (c, zaaknummer) => {
      const r = await removeOverride(c.ctx, c.actor, { zaaknummer });
      return {
        kind: "message",
        message: r.ok
          ? caseUpdateMessage("Aangepaste prioriteit ingetrokken", r.value, c.ctx.today())
          : caseErrorMessage(r.error),
      };
    }),
    on(zaakButtons.ongedaan, async (c, v) => {
      // "Ongedaan maken" on a confirmation: only for a few minutes, then Corrigeren on the card.
      if (Date.now() - v.at > UNDO_MINUTES * 60_000) {
        return {
          kind: "message",
          message: message("Ongedaan maken verlopen", [
            {
              type: "text",
              text: `Ongedaan maken kan de eerste ${UNDO_MINUTES} minuten. Gebruik nu Corrigeren op de zaakkaart.`,
            },
          ]),
        };
      }
      const r = await voidRecord(c.ctx, c.actor, {
        zaaknummer: v.z,
        record: v.r,
        id: v.id,
        reason: "vergissing",
      });
      return {
        kind: "message",
        message: r.ok
          ? caseUpdateMessage("Ongedaan gemaakt", r.value, c.ctx.today())
          : caseErrorMessage(r.error),
      };
    }),
    on(zaakButtons.complex, (c, zaaknummer) =>
      withCaseForm(
        c,
        [zaaknummer],
        zaak.usage,
        (z) => ({ kind: "form", form: complexForm(z, c.ctx.today()) }),
        (p) => canMarkComplex(p),
      ),
    ),
    on(zaakButtons.mijlpaal, (c, value) => {
      // A plain zaaknummer (case card), or the case and milestone from a reminder's "Al gedaan".
      const { zaaknummer, kind } =
        typeof value === "string"
          ? { zaaknummer: value, kind: undefined }
          : { zaaknummer: value.z, kind: value.k };
      return withCaseForm(c, [zaaknummer], zaak.usage, (z) => ({
        kind: "form",
        form: milestoneForm(z, c.ctx.today(), kind),
      }));
    }),
  ],
};

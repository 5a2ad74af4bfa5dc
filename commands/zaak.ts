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
import { submitReply, text, YES_NO, yesNo } from "../src/ui/formValues.ts";
import { MILESTONE_LABEL } from "../src/ui/labels.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import { parseUndo, UNDO_MINUTES } from "../src/ui/undo.ts";
import { type Field, type Form, type Message, message, type Reply } from "../src/ui/view.ts";
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

const reasonField = (reasons: Record<string, string>): Field => ({
  id: "reason",
  kind: "select",
  label: "Reden",
  required: true,
  options: Object.entries(reasons).map(([value, label]) => ({ value, label })),
});

const correctForm = (zaaknummer: string, records: CaseCard["records"]): Form => ({
  id: "zaak.corrigeren",
  title: "Corrigeren",
  submitLabel: "Laten vervallen",
  intro: `Zaak ${zaaknummer}. De registratie blijft bewaard, gemarkeerd als vervallen; registreer daarna zo nodig opnieuw.`,
  state: zaaknummer,
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

const closeForm = (zaaknummer: string): Form => ({
  id: "zaak.afsluiten",
  title: "Zaak afsluiten",
  submitLabel: "Afsluiten",
  intro: `Zaak ${zaaknummer} verdwijnt van alle lijsten en krijgt geen termijnen meer. Heropenen kan.`,
  state: zaaknummer,
  fields: [reasonField(CLOSE_REASONS)],
});

const reopenForm = (zaaknummer: string): Form => ({
  id: "zaak.heropenen",
  title: "Zaak heropenen",
  submitLabel: "Heropenen",
  intro: `Zaak ${zaaknummer} komt terug met haar termijnen.`,
  state: zaaknummer,
  fields: [reasonField(REOPEN_REASONS)],
});

const withdrawForm = (handoverId: string): Form => ({
  id: "zaak.overdracht_intrekken",
  title: "Overdracht intrekken",
  submitLabel: "Intrekken",
  intro: "De praktijkbegeleider van het ontvangende team krijgt bericht.",
  state: handoverId,
  fields: [reasonField(WITHDRAW_REASONS)],
});

const done = (title: string, text: string, zaaknummer: string): Message =>
  message(title, [
    { type: "text", text },
    { type: "actions", actions: [{ id: "zaak.open", label: "Zaakkaart", value: zaaknummer }] },
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
  async submit(c, formId, values, state) {
    const today = c.ctx.today();
    if (formId === "zaak.corrigeren") {
      const [record, id] = (text(values, "record") ?? "").split(":");
      const result = await voidRecord(c.ctx, c.actor, {
        zaaknummer: state,
        record,
        id,
        reason: text(values, "reason"),
      });
      const found = await showCase(c.ctx, c.actor, { zaaknummer: state });
      return submitReply(correctForm(state, found.ok ? found.value.records : []), result, (u) =>
        caseUpdateMessage("Registratie vervallen", u, today),
      );
    }
    if (formId === "zaak.afsluiten") {
      const result = await closeCase(c.ctx, c.actor, { zaaknummer: state, reason: text(values, "reason") });
      return submitReply(closeForm(state), result, (u) =>
        done("Zaak afgesloten", `Zaak ${u.zaaknummer} is afgesloten.`, u.zaaknummer),
      );
    }
    if (formId === "zaak.heropenen") {
      const result = await reopenCase(c.ctx, c.actor, { zaaknummer: state, reason: text(values, "reason") });
      return submitReply(reopenForm(state), result, (u) => caseUpdateMessage("Zaak heropend", u, today));
    }
    if (formId === "zaak.overdracht_intrekken") {
      const result = await withdrawHandover(c.ctx, c.actor, {
        handoverId: state,
        reason: text(values, "reason"),
      });
      return submitReply(withdrawForm(state), result, (w) =>
        done(
          "Overdracht ingetrokken",
          `De overdracht van zaak ${w.zaaknummer} is ingetrokken.`,
          w.zaaknummer,
        ),
      );
    }
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
    "zaak.corrigeren": async (c, zaaknummer) => {
      const found = await showCase(c.ctx, c.actor, { zaaknummer });
      if (!found.ok) return { kind: "message", message: caseErrorMessage(found.error) };
      return { kind: "form", form: correctForm(found.value.zaaknummer, found.value.records) };
    },
    "zaak.afsluiten": (c, zaaknummer) =>
      withCaseForm(
        c,
        [zaaknummer],
        zaak.usage,
        (z) => ({ kind: "form", form: closeForm(z) }),
        () => true,
      ),
    "zaak.heropenen": async (_c, zaaknummer) => ({ kind: "form", form: reopenForm(zaaknummer) }),
    "zaak.overdracht_intrekken": async (_c, handoverId) => ({ kind: "form", form: withdrawForm(handoverId) }),
    "zaak.aanpassing_intrekken": async (c, zaaknummer) => {
      const r = await removeOverride(c.ctx, c.actor, { zaaknummer });
      return {
        kind: "message",
        message: r.ok
          ? caseUpdateMessage("Aangepaste prioriteit ingetrokken", r.value, c.ctx.today())
          : caseErrorMessage(r.error),
      };
    },
    "zaak.ongedaan": async (c, value) => {
      // "Ongedaan maken" on a confirmation: only for a few minutes, then Corrigeren on the card.
      const v = parseUndo(value);
      if (!v || Date.now() - v.at > UNDO_MINUTES * 60_000) {
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
    },
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

import { decideHandover, REJECTION_REASONS } from "../src/cases/decideHandover.ts";
import { caseCarriers, loadHandover } from "../src/cases/handoverLookup.ts";
import { listTeams, openCaseForWork } from "../src/cases/lookups.ts";
import { mayRequest, requestHandover } from "../src/cases/requestHandover.ts";
import {
  HANDOVER_CHECKS,
  HANDOVER_KINDS,
  HANDOVER_REASONS,
  type HandoverKind,
  kindsFromPhase,
} from "../src/domain/handover.ts";
import type { Phase } from "../src/domain/types.ts";
import { button, form } from "../src/ui/control.ts";
import { overdrachtButtons, overdrachtForms } from "../src/ui/controls/overdracht.ts";
import { zaakButtons } from "../src/ui/controls/zaak.ts";
import { list, submitReply, text } from "../src/ui/formValues.ts";
import { HANDOVER_KIND_LABEL, type HandoverPrefill, handoverPrefill } from "../src/ui/handoverViews.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import { type Form, message, type Option, type Reply } from "../src/ui/view.ts";
import { usageReply } from "./args.ts";
import { type Command, type CommandContext, on, onSubmit } from "./command.ts";

const KIND_FROM_PHASE: Record<string, HandoverKind> = {
  regulier: "regulier_crt",
  crt: "crt_regulier",
  ccp: "ccp_regulier",
};

/**
 * The reasons that fit the kinds on offer: with one kind only its own; with more, each labelled with
 * its kind (a reason id shared by two kinds has the same meaning in both).
 */
function reasonOptions(kinds: readonly HandoverKind[]): Option[] {
  const byValue = new Map<string, Option>();
  for (const k of kinds) {
    for (const [value, label] of Object.entries(HANDOVER_REASONS[k])) {
      if (!byValue.has(value))
        byValue.set(value, {
          value,
          label: kinds.length > 1 ? `${HANDOVER_KIND_LABEL[k]}: ${label}` : label,
        });
    }
  }
  return [...byValue.values()];
}

type Prefill = Omit<HandoverPrefill, "zaaknummer">;

async function requestForm(
  c: CommandContext,
  zaaknummer: string,
  phase: Phase | null,
  prefill: Prefill,
): Promise<Form> {
  const teams = await listTeams(c.ctx);
  const carriers = await caseCarriers(c.ctx);
  // Only the kinds this case's phase allows; a button that chose the kind offers only its reasons.
  const possible = phase ? kindsFromPhase(phase) : [...HANDOVER_KINDS];
  const kinds = possible.length > 0 ? possible : [...HANDOVER_KINDS];
  return form(overdrachtForms.aanvragen, zaaknummer, {
    title: "Overdracht aanvragen",
    submitLabel: "Aanvragen",
    long: true,
    intro: `Zaak ${zaaknummer}. De praktijkbegeleider van het ontvangende team accepteert of wijst af.`,
    fields: [
      {
        id: "kind",
        kind: "select",
        label: "Soort overdracht",
        required: true,
        options: kinds.map((k) => ({ value: k, label: HANDOVER_KIND_LABEL[k] })),
        initial: prefill.kind ?? (phase ? KIND_FROM_PHASE[phase] : undefined) ?? kinds[0],
      },
      {
        id: "toTeam",
        kind: "select",
        label: "Ontvangend team",
        required: true,
        options: teams.map((t) => ({ value: t.code, label: t.name })),
        initial: prefill.toTeam,
      },
      {
        id: "toPerson",
        kind: "select",
        label: "Ontvangende jeugdbeschermer",
        required: false,
        hint: "Verplicht bij jeugdbeschermer → jeugdbeschermer; anders kiest de ontvangende praktijkbegeleider.",
        // Slack's select holds 100 options; Teams searches the rest as the person types.
        options: carriers.slice(0, 100).map((p) => ({ value: p.code, label: `${p.name} (${p.teamName})` })),
        typeAhead: "caseCarriers",
      },
      {
        id: "reason",
        kind: "select",
        label: "Reden",
        required: true,
        options: reasonOptions(prefill.kind ? [prefill.kind] : kinds),
        initial: prefill.reason,
      },
      {
        id: "warm",
        kind: "select",
        label: "Warme overdracht",
        required: true,
        options: [
          { value: "gepland", label: "Gepland" },
          { value: "gedaan", label: "Gedaan" },
          { value: "niet_nodig", label: "Niet nodig" },
        ],
      },
      { id: "warmOn", kind: "date", label: "Datum warme overdracht", required: false },
      {
        id: "checks",
        kind: "checkboxes",
        label: "Staat in het zaaksysteem",
        required: true,
        options: Object.entries(HANDOVER_CHECKS).map(([value, label]) => ({ value, label })),
      },
    ],
  });
}

async function open(
  c: CommandContext,
  zaaknummer: string | undefined,
  prefill: Prefill = {},
): Promise<Reply> {
  if (!zaaknummer) return usageReply(overdracht.usage, "Noem het zaaknummer.", c.actor.via);
  const found = await openCaseForWork(
    c.ctx,
    c.actor,
    zaaknummer,
    (p, scope) => mayRequest(p, scope.teamId),
    "Een overdracht vraagt de praktijkbegeleider van het team van de zaak aan (bij het CCP ook een CCP-medewerker).",
  );
  if (!found.ok) return { kind: "message", message: caseErrorMessage(found.error) };
  return { kind: "form", form: await requestForm(c, found.value.zaaknummer, found.value.phase, prefill) };
}

const acceptForm = (h: NonNullable<Awaited<ReturnType<typeof loadHandover>>>): Form =>
  form(overdrachtForms.accepteren, h.id, {
    title: "Overdracht accepteren",
    submitLabel: "Accepteren",
    intro: `Zaak ${h.zaaknummer} naar ${h.toTeam}. Wie wordt de vaste jeugdbeschermer?`,
    fields: [
      {
        id: "owner",
        kind: "select",
        label: "Vaste jeugdbeschermer",
        required: h.ownerRequired,
        options: h.candidates.map((p) => ({ value: p.code, label: p.name })),
        initial: h.toPerson ?? undefined,
      },
    ],
  });

const rejectForm = (id: number, zaaknummer: string): Form =>
  form(overdrachtForms.afwijzen, id, {
    title: "Overdracht afwijzen",
    submitLabel: "Afwijzen",
    intro: `Zaak ${zaaknummer}. De aanvrager krijgt de reden te zien.`,
    fields: [
      {
        id: "reason",
        kind: "select",
        label: "Reden",
        required: true,
        options: Object.entries(REJECTION_REASONS).map(([value, label]) => ({ value, label })),
      },
    ],
  });

const decided = (d: { zaaknummer: string; status: string; ownerName: string | null }) =>
  message(`Overdracht van zaak ${d.zaaknummer} ${d.status}`, [
    {
      type: "text",
      text: `De overdracht van zaak ${d.zaaknummer} is ${d.status}${d.ownerName ? `; vaste jeugdbeschermer: ${d.ownerName}` : ""}. De aanvrager is ingelicht.`,
    },
    { type: "actions", actions: [button(zaakButtons.open, "Zaakkaart", d.zaaknummer)] },
  ]);

async function accept(c: CommandContext, id: number, owner?: string) {
  return decideHandover(c.ctx, c.actor, { handoverId: id, decision: "accept", owner });
}

export const overdracht: Command = {
  name: "overdracht",
  description:
    "Vraag een overdracht aan (regulier ↔ CRT, CCP → regulier, jeugdbeschermer → jeugdbeschermer).",
  usage: "overdracht ZAAKNUMMER",
  run: (c, args) => open(c, args[0]),
  forms: [
    onSubmit(overdrachtForms.accepteren, async (c, values, id) => {
      const h = await loadHandover(c.ctx, id);
      const result = await accept(c, id, text(values, "owner"));
      return submitReply(h ? acceptForm(h) : { fields: [] }, result, decided);
    }),
    onSubmit(overdrachtForms.afwijzen, async (c, values, id) => {
      const result = await decideHandover(c.ctx, c.actor, {
        handoverId: id,
        decision: "reject",
        reason: text(values, "reason"),
      });
      return submitReply(rejectForm(id, ""), result, decided);
    }),
    onSubmit(overdrachtForms.aanvragen, async (c, values, zaaknummer) => {
      const result = await requestHandover(c.ctx, c.actor, {
        zaaknummer,
        kind: text(values, "kind"),
        toTeam: text(values, "toTeam"),
        toPerson: text(values, "toPerson"),
        reason: text(values, "reason"),
        warm: text(values, "warm"),
        warmOn: text(values, "warmOn") ?? null,
        checks: list(values, "checks"),
      });
      // The same form again (Teams redraws it with the errors): the case's phase picks the kinds.
      const found = await openCaseForWork(c.ctx, c.actor, zaaknummer, () => true);
      const shown = await requestForm(c, zaaknummer, found.ok ? found.value.phase : null, {});
      return submitReply(shown, result, (r) =>
        message(`Overdracht van zaak ${r.zaaknummer} aangevraagd`, [
          {
            type: "text",
            text: `De overdracht van zaak ${r.zaaknummer} naar ${r.toTeamName} is aangevraagd. De praktijkbegeleider van dat team krijgt een bericht.`,
          },
        ]),
      );
    }),
  ],
  buttons: [
    on(overdrachtButtons.open, (c, value) => {
      // From the digest, the werkvoorraad or a triage's advice: the case and what is already chosen.
      const v = handoverPrefill(value);
      return open(c, v.zaaknummer, v);
    }),
    on(overdrachtButtons.accepteren, async (c, id) => {
      const h = await loadHandover(c.ctx, id);
      if (!h)
        return {
          kind: "message",
          message: message("Onbekend", [{ type: "text", text: "Deze overdracht bestaat niet." }]),
        };
      // Without a named receiver the PB names the vaste jeugdbeschermer (optional for the CRT pool).
      if (h.status === "aangevraagd" && !h.toPerson) {
        return { kind: "form", form: acceptForm(h) };
      }
      const result = await accept(c, h.id);
      return { kind: "message", message: result.ok ? decided(result.value) : caseErrorMessage(result.error) };
    }),
    on(overdrachtButtons.afwijzen, async (c, id) => {
      const h = await loadHandover(c.ctx, id);
      if (!h)
        return {
          kind: "message",
          message: message("Onbekend", [{ type: "text", text: "Deze overdracht bestaat niet." }]),
        };
      if (h.status !== "aangevraagd") {
        return {
          kind: "message",
          message: message("Al afgehandeld", [
            { type: "text", text: `De overdracht van zaak ${h.zaaknummer} is al ${h.status}.` },
          ]),
        };
      }
      return { kind: "form", form: rejectForm(h.id, h.zaaknummer) };
    }),
  ],
};

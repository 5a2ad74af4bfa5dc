import { capacityOverview } from "../src/cases/capacityOverview.ts";
import { showCase } from "../src/cases/caseCard.ts";
import { listTeams } from "../src/cases/lookups.ts";
import { canTriage } from "../src/cases/permissions.ts";
import { triageCase } from "../src/cases/triageCase.ts";
import { BIJLAGE1_GROUPS } from "../src/domain/bijlage1.ts";
import { hasRoom } from "../src/domain/capacity.ts";
import { SUSTAINING_FACTORS, UNDERLYING_PROBLEMS } from "../src/domain/triageOptions.ts";
import { MEASURES, RISK_LEVELS } from "../src/domain/types.ts";
import { type RouteTeams, triageOutcomeMessage } from "../src/ui/caseViews.ts";
import { form as openForm } from "../src/ui/control.ts";
import { triageButtons, triageForms } from "../src/ui/controls/triage.ts";
import { list, submitReply, text, YES_NO, years, yesNo } from "../src/ui/formValues.ts";
import { MEASURE_LABEL, RISK_LABEL } from "../src/ui/labels.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import { type Field, type Form, message } from "../src/ui/view.ts";
import { type Command, type CommandContext, on, onSubmit } from "./command.ts";

const criteriaField = (groupId: string) => `crit_${groupId}`;

async function newCaseFields(c: CommandContext): Promise<Field[]> {
  const teams = await listTeams(c.ctx);
  return [
    {
      id: "zaaknummer",
      kind: "text",
      label: "Zaaknummer",
      required: true,
      maxLength: 30,
      placeholder: "2026-0123",
    },
    {
      id: "measure",
      kind: "select",
      label: "Maatregel",
      required: true,
      options: MEASURES.map((m) => ({ value: m, label: MEASURE_LABEL[m] })),
    },
    { id: "receivedOn", kind: "date", label: "Ontvangen op", required: true, initial: c.ctx.today() },
    { id: "rulingOn", kind: "date", label: "Datum uitspraak", required: false },
    { id: "endDate", kind: "date", label: "Einddatum maatregel", required: false },
    {
      id: "team",
      kind: "select",
      label: "Team",
      required: true,
      options: teams.map((t) => ({ value: t.code, label: t.name })),
      initial: teams.find((t) => t.kind === "ccp")?.code,
    },
  ];
}

async function form(c: CommandContext, zaaknummer: string | null, birthYears: number[]): Promise<Form> {
  const capacity = await capacityOverview(c.ctx);
  const room = capacity.ok && capacity.value.some((t) => t.kind === "regulier" && hasRoom(t));
  return openForm(triageForms.triage, zaaknummer ?? "", {
    title: "Triage",
    submitLabel: "Triëer",
    long: true,
    intro: zaaknummer
      ? `Triage van zaak ${zaaknummer}. Vink aan wat uit het raadsrapport blijkt; geen namen of verhalen.`
      : "Nieuwe zaak registreren en triëren. Vink aan wat uit het raadsrapport blijkt; geen namen of verhalen.",
    fields: [
      ...(zaaknummer ? [] : await newCaseFields(c)),
      ...BIJLAGE1_GROUPS.map(
        (g): Field => ({
          id: criteriaField(g.id),
          kind: "checkboxes",
          label: `Directe kind-onveiligheid — ${g.label}`,
          required: false,
          ...(g.condition ? { hint: g.condition } : {}),
          options: g.criteria.map((k) => ({ value: k.id, label: k.label })),
        }),
      ),
      {
        id: "arijRisk",
        kind: "select",
        label: "ARIJ-risico",
        required: true,
        options: [
          ...RISK_LEVELS.map((r) => ({ value: r, label: RISK_LABEL[r] })),
          { value: "onbekend", label: "geen ARIJ / onbekend" },
        ],
      },
      { id: "arijDate", kind: "date", label: "Datum ARIJ", required: false },
      {
        id: "problems",
        kind: "multiselect",
        label: "Onderliggende problematiek",
        required: false,
        options: UNDERLYING_PROBLEMS.map((p) => ({ value: p.id, label: p.label })),
      },
      {
        id: "sustainingFactors",
        kind: "multiselect",
        label: "In stand houdende factoren",
        required: false,
        options: SUSTAINING_FACTORS.map((p) => ({ value: p.id, label: p.label })),
      },
      {
        id: "birthYears",
        kind: "text",
        label: "Geboortejaren kinderen",
        required: false,
        initial: birthYears.join(" "),
        placeholder: "2015 2019",
        hint: "Alleen jaartallen, gescheiden door spaties.",
      },
      {
        id: "helpInPlace",
        kind: "select",
        label: "Is er al hulp in het gezin?",
        required: true,
        options: YES_NO,
      },
      {
        id: "regularTeamHasRoom",
        kind: "select",
        label: "Heeft een regulier team ruimte?",
        required: true,
        options: YES_NO,
        initial: room ? "ja" : "nee",
        hint: "Voorstel op basis van de capaciteit; pas aan als je beter weet.",
      },
    ],
  });
}

/** The CRT, and the regular team with the most room, for the next-step buttons of the advice. */
async function routeTeams(c: CommandContext): Promise<RouteTeams> {
  const capacity = await capacityOverview(c.ctx);
  if (!capacity.ok) return {};
  const regular = capacity.value
    .filter((t) => t.kind === "regulier")
    .sort((a, b) => b.free - a.free || a.code.localeCompare(b.code));
  return {
    crt: capacity.value.find((t) => t.kind === "crt")?.code,
    regulier: regular[0]?.code,
  };
}

export const triage: Command = {
  name: "triage",
  description: "Triëer een (nieuwe) zaak: directe kind-onveiligheid, prioriteit en routeringsadvies.",
  usage: "triage [ZAAKNUMMER]",
  async run(c, args) {
    if (!canTriage(c.person)) {
      return {
        kind: "message",
        message: message("Geen toestemming", [
          {
            type: "text",
            text: "Alleen CCP-medewerkers, praktijkbegeleiders en gedragswetenschappers triëren.",
          },
        ]),
      };
    }
    const zaaknummer = args[0];
    if (!zaaknummer) return { kind: "form", form: await form(c, null, []) };
    const found = await showCase(c.ctx, c.actor, { zaaknummer });
    if (!found.ok) return { kind: "message", message: caseErrorMessage(found.error) };
    return { kind: "form", form: await form(c, found.value.zaaknummer, found.value.birthYears) };
  },
  forms: [
    onSubmit(triageForms.triage, async (c, values, state) => {
      const isNew = state === "";
      const risk = text(values, "arijRisk");
      const birthYears = years(values, "birthYears");
      const input = {
        ...(isNew
          ? {
              newCase: {
                zaaknummer: text(values, "zaaknummer"),
                measure: text(values, "measure"),
                receivedOn: text(values, "receivedOn"),
                rulingOn: text(values, "rulingOn") ?? null,
                endDate: text(values, "endDate") ?? null,
                team: text(values, "team"),
                birthYears,
              },
            }
          : { zaaknummer: state }),
        criteria: BIJLAGE1_GROUPS.flatMap((g) => list(values, criteriaField(g.id))),
        arijRisk: risk === "onbekend" ? null : risk,
        arijDate: text(values, "arijDate") ?? null,
        problems: list(values, "problems"),
        sustainingFactors: list(values, "sustainingFactors"),
        birthYears,
        helpInPlace: yesNo(values, "helpInPlace"),
        regularTeamHasRoom: yesNo(values, "regularTeamHasRoom"),
      };
      const result = await triageCase(c.ctx, c.actor, input);
      const shown = await form(c, isNew ? null : state, []);
      // Errors about the criteria as a whole show at the first criteria group.
      if (!result.ok && result.error.fields?.criteria) {
        result.error.fields[criteriaField(BIJLAGE1_GROUPS[0].id)] = result.error.fields.criteria;
        delete result.error.fields.criteria;
      }
      const teams = result.ok ? await routeTeams(c) : {};
      return submitReply(shown, result, (o) => triageOutcomeMessage(o, c.ctx.today(), teams));
    }),
  ],
  buttons: [on(triageButtons.open, (c, zaaknummer) => triage.run(c, [zaaknummer]))],
};

import type { TeamCapacityView } from "../cases/capacityOverview.ts";
import type { CaseCard } from "../cases/caseCard.ts";
import type { CaseUpdate } from "../cases/caseWork.ts";
import { CLOSE_REASONS } from "../cases/putRight.ts";
import type { TriageOutcome } from "../cases/triageCase.ts";
import type { Werkvoorraad } from "../cases/werkvoorraad.ts";
import { dutchDate, todayInAmsterdam } from "../domain/dates.ts";
import { HANDOVER_REASONS, type HandoverKind, handoverRoute } from "../domain/handover.ts";
import type { PriorityFactor } from "../domain/priority.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import { button } from "./control.ts";
import { arijButtons } from "./controls/arij.ts";
import { capaciteitButtons } from "./controls/capaciteit.ts";
import { contactButtons } from "./controls/contact.ts";
import { kernbeslissingButtons } from "./controls/kernbeslissing.ts";
import { werkvoorraadButtons } from "./controls/werkvoorraad.ts";
import { zaakButtons } from "./controls/zaak.ts";
import { handoverButton } from "./handoverViews.ts";
import {
  CONTACT_KIND_LABEL,
  count,
  DEADLINE_LABEL,
  dutchNumber,
  MEASURE_LABEL,
  MILESTONE_LABEL,
  overrideReasonText,
  PHASE_LABEL,
  PRIORITY_LABEL,
  RISK_LABEL,
  ROLE_LABEL,
  TEAM_KIND_LABEL,
} from "./labels.ts";
import { type Action, type Block, type ListItem, type Message, message } from "./view.ts";

// Views of cases, shared by the commands. Case details go to the requester only.

export { dutchDate };

export function deadlineLine(d: { kind: DeadlineKind; due: IsoDate }, today: IsoDate): string {
  const overdue = d.due < today;
  return `${dutchDate(d.due)} — ${DEADLINE_LABEL[d.kind]}${overdue ? " — *te laat*" : d.due === today ? " — vandaag" : ""}`;
}

function deadlinesBlocks(deadlines: { kind: DeadlineKind; due: IsoDate }[], today: IsoDate): Block[] {
  return deadlines.length === 0
    ? [{ type: "text", text: "Geen open termijnen." }]
    : [{ type: "list", items: deadlines.map((d) => deadlineLine(d, today)) }];
}

/** A recorded contact, ARIJ or kernbeslissing in words, for the correction form. */
export function recordLabel(r: CaseCard["records"][number]): string {
  const what =
    r.record === "contact"
      ? `Contact ${CONTACT_KIND_LABEL[r.detail as keyof typeof CONTACT_KIND_LABEL] ?? ""}`
      : r.record === "arij"
        ? `ARIJ, ${RISK_LABEL[r.detail as keyof typeof RISK_LABEL] ?? ""}`
        : `Kernbeslissing, contact elke ${r.detail} weken`;
  return `${dutchDate(r.date)}: ${what}`;
}

/** The button that opens a case's card. */
export const openCaseAction = (zaaknummer: string): Action =>
  button(zaakButtons.open, "Zaakkaart", zaaknummer);

/** A list line that names one case: it carries the action that opens that case's card. */
export const caseLine = (zaaknummer: string, text: string): ListItem => ({
  text,
  open: openCaseAction(zaaknummer),
});

/** The next actions on a case, as buttons. */
export function caseActions(zaaknummer: string): Action[] {
  return [
    button(contactButtons.open, "Contact registreren", zaaknummer, "primary"),
    button(arijButtons.open, "ARIJ registreren", zaaknummer),
    button(kernbeslissingButtons.open, "Kernbeslissing", zaaknummer),
    button(zaakButtons.mijlpaal, "Mijlpaal afronden", zaaknummer),
  ];
}

export function caseCardMessage(c: CaseCard, today: IsoDate): Message {
  const blocks: Block[] = [
    { type: "heading", text: `Zaak ${c.zaaknummer}` },
    {
      type: "fields",
      fields: [
        { label: "Fase", value: `${PHASE_LABEL[c.phase]} (sinds ${dutchDate(c.phaseSince)})` },
        { label: "Team", value: c.team.name },
        { label: "Eigenaar", value: c.owner ? c.owner.name : "geen (pool)" },
        { label: "Maatregel", value: MEASURE_LABEL[c.measure] },
        {
          label: "Prioriteit",
          value: c.priority
            ? `${PRIORITY_LABEL[c.priority.priorityClass]} (score ${c.priority.score})${c.priority.override ? ", aangepast" : ""}`
            : "nog niet getriëerd",
        },
        { label: "Directe kind-onveiligheid", value: c.directUnsafe ? "ja" : "nee" },
        {
          label: "Complexe casus",
          value: c.complex ? `ja, gemarkeerd door ${c.complex.by} op ${dutchDate(c.complex.on)}` : "nee",
        },
        {
          label: "Laatste contact",
          value: c.lastContact
            ? `${dutchDate(c.lastContact.date)}, ${CONTACT_KIND_LABEL[c.lastContact.kind]}${c.lastContact.newConcerns ? ", nieuwe zorgen" : ""}`
            : "nog geen",
        },
        {
          label: "Laatste ARIJ",
          value: c.lastArij ? `${dutchDate(c.lastArij.date)}, ${RISK_LABEL[c.lastArij.risk]}` : "nog geen",
        },
      ],
    },
  ];
  if (c.kernbeslissing) {
    blocks.push({
      type: "context",
      text: `Kernbeslissing ${dutchDate(c.kernbeslissing.date)} met ${c.kernbeslissing.gw}: contact minimaal elke ${c.kernbeslissing.contactFrequencyWeeks} weken${c.kernbeslissing.plannedNext ? `; volgend kernbesluit ${dutchDate(c.kernbeslissing.plannedNext)}` : ""}.`,
    });
  }
  if (c.priority) {
    // The explanation of today's priority: each factor's contribution (the waiting time grows).
    blocks.push(
      { type: "heading", text: "Prioriteit vandaag" },
      { type: "text", text: c.priority.classReason },
      { type: "list", items: c.priority.factors.map(factorLine) },
    );
    if (c.priority.override) {
      blocks.push({
        type: "context",
        text: `Prioriteit aangepast naar ${PRIORITY_LABEL[c.priority.override.priorityClass]} door ${c.priority.override.by}: ${overrideReasonText(c.priority.override)}. Berekend: ${PRIORITY_LABEL[c.priority.computedClass]}.`,
      });
    }
  }
  blocks.push({ type: "heading", text: "Open termijnen" }, ...deadlinesBlocks(c.deadlines, today));
  if (c.milestonesDone.length > 0) {
    blocks.push({
      type: "context",
      text: `Afgerond: ${c.milestonesDone.map((m) => `${MILESTONE_LABEL[m.kind as keyof typeof MILESTONE_LABEL] ?? m.kind} (${dutchDate(m.doneOn)})`).join(", ")}`,
    });
  }
  blocks.push({ type: "heading", text: "Overdrachten" });
  blocks.push(
    c.handovers.length === 0
      ? { type: "text", text: "Geen overdrachten." }
      : {
          type: "list",
          items: c.handovers.map(
            (h) =>
              `${dutchDate(todayInAmsterdam(h.requestedAt))}: ${h.fromName} → ${h.toName}, ${h.status}, aangevraagd door ${h.requestedBy}${h.decidedBy ? `, besloten door ${h.decidedBy}` : ""} (${HANDOVER_REASONS[h.kind as HandoverKind]?.[h.reason] ?? h.reason})`,
          ),
        },
  );
  if (c.phase === "afgesloten") {
    blocks.push(
      {
        type: "context",
        text: `Afgesloten${c.closedReason ? `: ${CLOSE_REASONS[c.closedReason as keyof typeof CLOSE_REASONS] ?? c.closedReason}` : ""}.`,
      },
      { type: "actions", actions: [button(zaakButtons.heropenen, "Heropenen", c.zaaknummer)] },
    );
  } else {
    blocks.push({
      type: "actions",
      actions: [
        ...caseActions(c.zaaknummer),
        button(zaakButtons.complex, c.complex ? "Complex opheffen" : "Complex markeren", c.zaaknummer),
      ],
    });
    // Putting things right: each opens a form with a reason from a list.
    const open = c.handovers.find((h) => h.status === "aangevraagd");
    blocks.push({
      type: "actions",
      actions: [
        ...(c.records.length > 0 ? [button(zaakButtons.corrigeren, "Corrigeren", c.zaaknummer)] : []),
        ...(c.priority?.override
          ? [button(zaakButtons.aanpassingIntrekken, "Prioriteit-aanpassing intrekken", c.zaaknummer)]
          : []),
        ...(open ? [button(zaakButtons.overdrachtIntrekken, "Overdracht intrekken", open.id)] : []),
        button(zaakButtons.afsluiten, "Afsluiten", c.zaaknummer, "danger"),
      ],
    });
  }
  return message(`Zaak ${c.zaaknummer}`, blocks);
}

/** The teams a triage's next steps hand the case to, when there are such teams. */
export interface RouteTeams {
  crt?: string;
  /** The regular team with the most room. */
  regulier?: string;
}

/**
 * The advice as buttons: each opens the form of the next step with the kind and receiving team
 * already chosen. Only steps possible from the case's phase are offered.
 */
export function triageNextSteps(o: TriageOutcome, teams: RouteTeams): Action[] {
  const actions: Action[] = [];
  const afterSafety = o.routing.advice === "veiligheid_eerst";
  for (const route of o.routing.routes) {
    if (route === "crt" && teams.crt && handoverRoute("regulier_crt", o.zaaknummer, o.phase, "crt").ok) {
      actions.push(
        button(kernbeslissingButtons.open, "Kernbeslissing vastleggen", o.zaaknummer),
        button(arijButtons.open, "ARIJ registreren", o.zaaknummer),
        handoverButton("Overdragen aan CRT", {
          zaaknummer: o.zaaknummer,
          kind: "regulier_crt",
          toTeam: teams.crt,
          reason: afterSafety ? "veiligheid_geen_jb" : "geen_ruimte_na_triage",
        }),
      );
    }
    if (
      route === "regulier" &&
      teams.regulier &&
      handoverRoute("ccp_regulier", o.zaaknummer, o.phase, "regulier").ok
    ) {
      actions.push(
        handoverButton("Overdragen aan regulier team", {
          zaaknummer: o.zaaknummer,
          kind: "ccp_regulier",
          toTeam: teams.regulier,
          reason: afterSafety ? "na_veiligheidsafspraken" : "capaciteit",
        }),
      );
    }
  }
  if (actions[0]) actions[0].style = "primary";
  return actions;
}

const factorLine = (f: PriorityFactor) => `${f.label}: ${f.points >= 0 ? "+" : ""}${f.points} (${f.detail})`;

export function triageOutcomeMessage(o: TriageOutcome, today: IsoDate, teams: RouteTeams = {}): Message {
  return message(`Triage zaak ${o.zaaknummer}: prioriteit ${o.priority.priorityClass}`, [
    { type: "heading", text: `Triage zaak ${o.zaaknummer}` },
    {
      type: "text",
      text: o.directUnsafe
        ? `*Directe kind-onveiligheid: ja* — ${o.criteria.map((c) => `${c.label} (${c.groupLabel})`).join("; ")}`
        : "*Directe kind-onveiligheid: nee* — geen criterium van Bijlage 1 aangevinkt.",
    },
    { type: "text", text: `*Advies: ${o.routing.title}*` },
    { type: "list", items: o.routing.steps },
    {
      type: "text",
      text: `*Prioriteit ${PRIORITY_LABEL[o.priority.priorityClass]}* (score ${o.priority.score}) — ${o.priority.classReason}`,
    },
    { type: "list", items: o.priority.factors.map(factorLine) },
    { type: "heading", text: "Termijnen" },
    ...deadlinesBlocks(o.deadlines, today),
    {
      type: "actions",
      actions: [...triageNextSteps(o, teams), button(zaakButtons.open, "Zaakkaart", o.zaaknummer)],
    },
  ]);
}

export function caseUpdateMessage(
  title: string,
  u: CaseUpdate,
  today: IsoDate,
  extra: Action[] = [],
): Message {
  return message(`${title} (zaak ${u.zaaknummer})`, [
    { type: "text", text: `*${title}* voor zaak ${u.zaaknummer}.` },
    { type: "text", text: "Open termijnen:" },
    ...deadlinesBlocks(u.deadlines, today),
    { type: "actions", actions: [button(zaakButtons.open, "Zaakkaart", u.zaaknummer), ...extra] },
  ]);
}

export const WERKVOORRAAD_PAGE = 15;

export function werkvoorraadMessage(
  w: Werkvoorraad,
  team: string | undefined,
  canOverride: boolean,
  canProposeTerugstroom = false,
): Message {
  const title = `Werkvoorraad${w.teamName ? ` ${w.teamName}` : ""}: ${count(w.total, "zaak", "zaken")}`;
  if (w.entries.length === 0)
    return message(title, [
      { type: "heading", text: title },
      { type: "text", text: "Geen zaken." },
    ]);
  const from = w.offset + 1;
  const to = w.offset + w.entries.length;
  const blocks: Block[] = [
    { type: "heading", text: title },
    {
      type: "list",
      items: w.entries.map((e) =>
        caseLine(
          e.zaaknummer,
          `${e.phase === "aangemeld" ? "*nog niet getriëerd*" : `*${e.priorityClass ?? "–"}*`} ${e.zaaknummer} · ${MEASURE_LABEL[e.measure]} · ${e.teamName} · ${count(e.weeksWaiting, "week", "weken")} wachten${e.nextDue ? ` · ${DEADLINE_LABEL[e.nextDue.kind]} ${dutchDate(e.nextDue.due)}${e.nextDue.overdue ? " *te laat*" : ""}` : ""}`,
        ),
      ),
    },
    {
      type: "context",
      text: `Zaak ${from}–${to} van ${w.total}: eerst wat nog getriëerd moet worden, dan op prioriteit (klasse, dan score).`,
    },
  ];
  const page = (offset: number) => ({ team: team ?? null, offset });
  const actions: Action[] = [];
  if (w.offset > 0)
    actions.push(button(werkvoorraadButtons.page, "Vorige", page(Math.max(0, w.offset - WERKVOORRAAD_PAGE))));
  if (to < w.total) actions.push(button(werkvoorraadButtons.page, "Volgende", page(to)));
  if (canOverride) actions.push(button(werkvoorraadButtons.override, "Prioriteit aanpassen", page(w.offset)));
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  const backToRegular = w.entries.filter((e) => e.phase === "crt");
  if (canProposeTerugstroom && backToRegular.length > 0) {
    blocks.push({ type: "context", text: "Terugstroom voorstellen naar een regulier team:" });
    blocks.push({
      type: "actions",
      actions: backToRegular.map((e) =>
        handoverButton(`Terugstroom ${e.zaaknummer}`, { zaaknummer: e.zaaknummer, kind: "crt_regulier" }),
      ),
    });
  }
  return message(title, blocks);
}

/** Lines per capacity page: at ~85 bytes a worker, a page stays far below Teams' 28 KB card limit. */
export const CAPACITY_PAGE = 80;

/**
 * Capacity per team and per person, `CAPACITY_PAGE` lines at a time (500 workers on one card would
 * be over Teams' size limit). A team whose people run on to the next page is named again there.
 */
export function capacityMessage(teams: TeamCapacityView[], offset: number): Message {
  type Line = { team: TeamCapacityView; worker?: string };
  const lines: Line[] = teams.flatMap((t) => [
    { team: t },
    ...t.workers
      .filter((w) => w.norm > 0)
      .map((w) => ({
        team: t,
        worker: `${w.name} (${ROLE_LABEL[w.role]}, ${dutchNumber(w.fte)} fte): ${w.active} actief, ${dutchNumber(w.free)} vrij`,
      })),
  ]);
  const start = Math.min(Math.max(0, offset), Math.max(0, lines.length - 1));
  const page = lines.slice(start, start + CAPACITY_PAGE);
  const pages = Math.max(1, Math.ceil(lines.length / CAPACITY_PAGE));
  const blocks: Block[] = [
    {
      type: "heading",
      text:
        pages > 1
          ? `Capaciteit per team (${Math.floor(start / CAPACITY_PAGE) + 1} van ${pages})`
          : "Capaciteit per team",
    },
  ];
  let workers: string[] = [];
  const flush = () => {
    if (workers.length > 0) blocks.push({ type: "list", items: workers });
    workers = [];
  };
  page.forEach((line, k) => {
    if (!line.worker || k === 0) {
      flush();
      const t = line.team;
      blocks.push({
        type: "text",
        text: `*${t.name}*${line.worker ? " (vervolg)" : ""} (${TEAM_KIND_LABEL[t.kind]}): norm ${dutchNumber(t.norm)}, actief ${t.active}, vrij ${dutchNumber(t.free)}${t.unowned ? ` · ${count(t.unowned, "zaak", "zaken")} zonder eigenaar` : ""}`,
      });
    }
    if (line.worker) workers.push(line.worker);
  });
  flush();
  const nav = [
    ...(start > 0 ? [button(capaciteitButtons.page, "Vorige", Math.max(0, start - CAPACITY_PAGE))] : []),
    ...(start + CAPACITY_PAGE < lines.length
      ? [button(capaciteitButtons.page, "Volgende", start + CAPACITY_PAGE)]
      : []),
  ];
  if (nav.length > 0) blocks.push({ type: "actions", actions: nav });
  blocks.push({ type: "context", text: "Capaciteit = caseloadnorm × fte − actieve zaken." });
  return message("Capaciteit per team", blocks);
}

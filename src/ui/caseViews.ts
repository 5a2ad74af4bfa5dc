import type { TeamCapacityView } from "../cases/capacityOverview.ts";
import type { CaseCard } from "../cases/caseCard.ts";
import type { CaseUpdate } from "../cases/caseWork.ts";
import type { TriageOutcome } from "../cases/triageCase.ts";
import type { Werkvoorraad } from "../cases/werkvoorraad.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import {
  CONTACT_KIND_LABEL,
  DEADLINE_LABEL,
  MEASURE_LABEL,
  MILESTONE_LABEL,
  overrideReasonText,
  PHASE_LABEL,
  PRIORITY_LABEL,
  RISK_LABEL,
  ROLE_LABEL,
  TEAM_KIND_LABEL,
} from "./labels.ts";
import { type Action, type Block, type Message, message } from "./view.ts";

// Views of cases, shared by the commands. Case details go to the requester only.

const dutchDate = (d: IsoDate) => {
  const [y, m, day] = d.split("-");
  return `${day}-${m}-${y}`;
};

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

/** The next actions on a case, as buttons. */
export function caseActions(zaaknummer: string): Action[] {
  return [
    { id: "contact.open", label: "Contact registreren", value: zaaknummer, style: "primary" },
    { id: "arij.open", label: "ARIJ registreren", value: zaaknummer },
    { id: "kernbeslissing.open", label: "Kernbeslissing", value: zaaknummer },
    { id: "zaak.mijlpaal", label: "Mijlpaal afronden", value: zaaknummer },
  ];
}

export function caseCardMessage(c: CaseCard, today: IsoDate): Message {
  const blocks: Block[] = [
    { type: "heading", text: `Zaak ${c.zaaknummer}` },
    {
      type: "fields",
      fields: [
        { label: "Fase", value: `${PHASE_LABEL[c.phase]} (sinds ${dutchDate(c.phaseSince)})` },
        { label: "Team", value: `${c.team.name} (${c.team.code})` },
        { label: "Eigenaar", value: c.owner ? c.owner.name : "geen (pool)" },
        { label: "Maatregel", value: MEASURE_LABEL[c.measure] },
        {
          label: "Prioriteit",
          value: c.priority
            ? `${PRIORITY_LABEL[c.priority.priorityClass]} (score ${c.priority.score})${c.priority.override ? ", aangepast" : ""}`
            : "nog niet getrieerd",
        },
        { label: "Directe kind-onveiligheid", value: c.directUnsafe ? "ja" : "nee" },
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
  if (c.priority?.override) {
    blocks.push({
      type: "context",
      text: `Prioriteit aangepast door ${c.priority.override.by}: ${overrideReasonText(c.priority.override)}`,
    });
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
              `${h.requestedAt.toISOString().slice(0, 10)}: ${h.from} → ${h.to}, ${h.status}, aangevraagd door ${h.requestedBy}${h.decidedBy ? `, besloten door ${h.decidedBy}` : ""} (${h.reason})`,
          ),
        },
  );
  if (c.phase !== "afgesloten") blocks.push({ type: "actions", actions: caseActions(c.zaaknummer) });
  return message(`Zaak ${c.zaaknummer}`, blocks);
}

export function triageOutcomeMessage(o: TriageOutcome, today: IsoDate): Message {
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
    {
      type: "list",
      items: o.priority.factors.map(
        (f) => `${f.label}: ${f.points >= 0 ? "+" : ""}${f.points} (${f.detail})`,
      ),
    },
    { type: "heading", text: "Termijnen" },
    ...deadlinesBlocks(o.deadlines, today),
    { type: "actions", actions: [{ id: "zaak.open", label: "Zaakkaart", value: o.zaaknummer }] },
  ]);
}

export function caseUpdateMessage(title: string, u: CaseUpdate, today: IsoDate): Message {
  return message(`${title} (zaak ${u.zaaknummer})`, [
    { type: "text", text: `*${title}* voor zaak ${u.zaaknummer}.` },
    { type: "text", text: "Open termijnen:" },
    ...deadlinesBlocks(u.deadlines, today),
    { type: "actions", actions: [{ id: "zaak.open", label: "Zaakkaart", value: u.zaaknummer }] },
  ]);
}

export const WERKVOORRAAD_PAGE = 15;

export function werkvoorraadMessage(
  w: Werkvoorraad,
  team: string | undefined,
  canOverride: boolean,
  canProposeTerugstroom = false,
): Message {
  const title = `Werkvoorraad${team ? ` ${team}` : ""}: ${w.total} zaken`;
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
      items: w.entries.map(
        (e) =>
          `*${e.priorityClass ?? "–"}* ${e.zaaknummer} · ${MEASURE_LABEL[e.measure]} · ${e.team} · ${e.weeksWaiting} wk wachten${e.nextDue ? ` · ${DEADLINE_LABEL[e.nextDue.kind]} ${dutchDate(e.nextDue.due)}${e.nextDue.overdue ? " *te laat*" : ""}` : ""}`,
      ),
    },
    { type: "context", text: `Zaak ${from}–${to} van ${w.total}, op prioriteit (klasse, dan score).` },
  ];
  const page = (offset: number) => JSON.stringify({ team: team ?? null, offset });
  const actions: Action[] = [];
  if (w.offset > 0)
    actions.push({
      id: "werkvoorraad.page",
      label: "Vorige",
      value: page(Math.max(0, w.offset - WERKVOORRAAD_PAGE)),
    });
  if (to < w.total) actions.push({ id: "werkvoorraad.page", label: "Volgende", value: page(to) });
  if (canOverride)
    actions.push({ id: "werkvoorraad.override", label: "Prioriteit aanpassen", value: page(w.offset) });
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  const backToRegular = w.entries.filter((e) => e.phase === "crt");
  if (canProposeTerugstroom && backToRegular.length > 0) {
    blocks.push({ type: "context", text: "Terugstroom voorstellen naar een regulier team:" });
    blocks.push({
      type: "actions",
      actions: backToRegular.map((e) => ({
        id: "overdracht.open",
        label: `Terugstroom ${e.zaaknummer}`,
        value: JSON.stringify({ z: e.zaaknummer, k: "crt_regulier" }),
      })),
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
export function capacityMessage(teams: TeamCapacityView[], offset: number, pageAction: string): Message {
  type Line = { team: TeamCapacityView; worker?: string };
  const lines: Line[] = teams.flatMap((t) => [
    { team: t },
    ...t.workers
      .filter((w) => w.norm > 0)
      .map((w) => ({
        team: t,
        worker: `${w.name} (${ROLE_LABEL[w.role]}, ${w.fte} fte): ${w.active} actief, ${w.free} vrij`,
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
        text: `*${t.name}*${line.worker ? " (vervolg)" : ""} (${TEAM_KIND_LABEL[t.kind]}): norm ${t.norm}, actief ${t.active}, vrij ${t.free}${t.unowned ? ` · ${t.unowned} zaken zonder eigenaar` : ""}`,
      });
    }
    if (line.worker) workers.push(line.worker);
  });
  flush();
  const nav = [
    ...(start > 0
      ? [{ id: pageAction, label: "Vorige", value: String(Math.max(0, start - CAPACITY_PAGE)) }]
      : []),
    ...(start + CAPACITY_PAGE < lines.length
      ? [{ id: pageAction, label: "Volgende", value: String(start + CAPACITY_PAGE) }]
      : []),
  ];
  if (nav.length > 0) blocks.push({ type: "actions", actions: nav });
  blocks.push({ type: "context", text: "Capaciteit = caseloadnorm × fte − actieve zaken." });
  return message("Capaciteit per team", blocks);
}

import type { Digest, TerugstroomReason } from "../cases/payloads.ts";
import { dutchDate } from "../domain/dates.ts";
import { caseLine } from "./caseViews.ts";
import { button } from "./control.ts";
import { werkvoorraadButtons } from "./controls/werkvoorraad.ts";
import { handoverButton } from "./handoverViews.ts";
import { count, DEADLINE_LABEL, MEASURE_LABEL } from "./labels.ts";
import { type Block, type ListItem, type Message, message } from "./view.ts";

// The weekly digest goes to a channel: per case only zaaknummer, measure, team, waiting time,
// priority and due dates (domain.md §3). Staff names appear only in the caseload lines, never next
// to a zaaknummer.

const REASON_LABEL: Record<TerugstroomReason, string> = {
  directe_onveiligheid: "directe kind-onveiligheid",
  complex: "complexe casus",
  capaciteit: "capaciteit in een regulier team",
};

const MAX_LINES = 25;

/** The handover form's reason for each kind of terugstroom candidate. */
const TERUGSTROOM_REASON: Record<TerugstroomReason, string> = {
  directe_onveiligheid: "directe_onveiligheid",
  complex: "complexe_casus",
  capaciteit: "capaciteit",
};

function cut(lines: ListItem[], rest: string): ListItem[] {
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `… en nog ${lines.length - MAX_LINES} ${rest}`]
    : lines;
}

/** Overdue contacts and ARIJs as one list, oldest first: what the PB has someone do this week. */
function overdueLines(d: Digest): ListItem[] {
  return [
    ...d.overdueContacts.map((i) => ({ ...i, what: "contactmoment" })),
    ...d.overdueArij.map((i) => ({ ...i, what: "ARIJ" })),
  ]
    .sort((a, b) => a.due.localeCompare(b.due) || a.zaaknummer.localeCompare(b.zaaknummer))
    .map((i) => caseLine(i.zaaknummer, `${i.zaaknummer} — ${i.what} te laat sinds ${dutchDate(i.due)}`));
}

/** Only the regular teams with room: the ones a case can go back to. */
function roomLine(d: Digest): string {
  const withRoom = d.regularCapacity.filter((t) => t.free >= 1);
  return withRoom.length
    ? `Ruimte in reguliere teams: ${withRoom.map((t) => `${t.name} ${count(Math.floor(t.free), "plek", "plekken")}`).join(", ")}.`
    : "Geen regulier team heeft nu ruimte.";
}

/** The CRT's own caseload: only who is over their norm, else one line. */
function caseloadLine(d: Digest): string {
  const over = d.crtCaseload.filter((w) => w.free < 0);
  if (over.length)
    return `Boven de norm in het CRT: ${over.map((w) => `${w.name} (${w.active} van ${w.norm})`).join(", ")}.`;
  const free = d.crtCaseload.reduce((sum, w) => sum + w.free, 0);
  return d.crtCaseload.length
    ? `Iedereen in het CRT zit binnen de norm; samen ${count(Math.floor(free), "plek", "plekken")} vrij.`
    : "Niemand in dit team heeft een caseload.";
}

/**
 * What the PB acts on, in that order: the size and its change (with the chart), what is overdue,
 * what can go back to a regular team and where there is room, then the priority list. Teams
 * without room and workers within their norm are left out; `cijfers` has the full figures.
 */
export function digestMessage(d: Digest): Message {
  const change =
    d.previousSize === null
      ? "geen vergelijking met vorige week"
      : `${d.size - d.previousSize >= 0 ? "+" : ""}${d.size - d.previousSize} t.o.v. vorige week`;
  const overdue = overdueLines(d);
  const blocks: Block[] = [
    { type: "heading", text: `Weekoverzicht ${d.team.name} — ${dutchDate(d.day)}` },
    {
      type: "fields",
      fields: [
        { label: "Werkvoorraad", value: `${count(d.size, "zaak", "zaken")} (${change})` },
        { label: "Nieuw deze week", value: d.newCases.length ? d.newCases.join(", ") : "geen" },
        { label: "Teruggestroomd", value: d.returnedCases.length ? d.returnedCases.join(", ") : "geen" },
      ],
    },
    ...(d.chart ? [d.chart] : []),
    { type: "heading", text: `Te laat (${overdue.length})` },
    overdue.length
      ? { type: "list", items: cut(overdue, "zaken") }
      : { type: "text", text: "Geen contactmoment of ARIJ te laat." },
    { type: "heading", text: "Terugstroom" },
    d.terugstroom.length
      ? {
          type: "list",
          items: cut(
            d.terugstroom.map((t) =>
              caseLine(t.zaaknummer, `${t.zaaknummer} — ${t.reasons.map((r) => REASON_LABEL[r]).join(", ")}`),
            ),
            "zaken",
          ),
        }
      : { type: "text", text: "Geen kandidaten." },
    { type: "context", text: roomLine(d) },
    ...(d.terugstroom.length
      ? [
          {
            type: "actions" as const,
            actions: d.terugstroom.slice(0, 10).map((t) =>
              handoverButton(`Terugstroom ${t.zaaknummer}`, {
                zaaknummer: t.zaaknummer,
                kind: "crt_regulier",
                reason: TERUGSTROOM_REASON[t.reasons[0] ?? "capaciteit"],
              }),
            ),
          },
        ]
      : []),
    { type: "heading", text: "Prioriteitenlijst" },
  ];
  if (d.list.length === 0) blocks.push({ type: "text", text: "De werkvoorraad is leeg." });
  else {
    blocks.push({
      type: "list",
      items: d.list.map((e) =>
        caseLine(
          e.zaaknummer,
          `*${e.priorityClass ?? "–"}* ${e.zaaknummer} · ${MEASURE_LABEL[e.measure]} · ${count(e.weeksWaiting, "week", "weken")} wachten${e.nextDue ? ` · ${DEADLINE_LABEL[e.nextDue.kind]} ${dutchDate(e.nextDue.due)}${e.nextDue.overdue ? " *te laat*" : ""}` : ""}`,
        ),
      ),
    });
  }
  if (d.listRest > 0) {
    blocks.push(
      { type: "context", text: `En nog ${count(d.listRest, "zaak", "zaken")} op de werkvoorraad.` },
      {
        type: "actions",
        actions: [button(werkvoorraadButtons.page, "Hele werkvoorraad", { team: d.team.code, offset: 0 })],
      },
    );
  }
  blocks.push(
    { type: "context", text: caseloadLine(d) },
    { type: "context", text: "Alleen zaaknummers; details staan in het zaaksysteem." },
  );
  return message(`Weekoverzicht ${d.team.name}: ${count(d.size, "zaak", "zaken")}`, blocks);
}

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

export function digestMessage(d: Digest): Message {
  const change =
    d.previousSize === null
      ? "geen vergelijking met vorige week"
      : `${d.size - d.previousSize >= 0 ? "+" : ""}${d.size - d.previousSize} t.o.v. vorige week`;
  const blocks: Block[] = [
    { type: "heading", text: `Weekoverzicht ${d.team.name} — ${dutchDate(d.day)}` },
    {
      type: "fields",
      fields: [
        { label: "Werkvoorraad", value: `${count(d.size, "zaak", "zaken")} (${change})` },
        { label: "Nieuw deze week", value: d.newCases.length ? d.newCases.join(", ") : "geen" },
        { label: "Teruggestroomd", value: d.returnedCases.length ? d.returnedCases.join(", ") : "geen" },
        {
          label: "Te laat",
          value: `${d.overdueContacts.length} contactmomenten, ${d.overdueArij.length} ARIJ's`,
        },
      ],
    },
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
  const overdueLines = (items: Digest["overdueContacts"]) =>
    items.map((i) => caseLine(i.zaaknummer, `${i.zaaknummer} — sinds ${dutchDate(i.due)}`));
  blocks.push(
    { type: "heading", text: "Te laat: contactmomenten" },
    d.overdueContacts.length
      ? { type: "list", items: cut(overdueLines(d.overdueContacts), "zaken") }
      : { type: "text", text: "Geen." },
    { type: "heading", text: "Te laat: ARIJ" },
    d.overdueArij.length
      ? { type: "list", items: cut(overdueLines(d.overdueArij), "zaken") }
      : { type: "text", text: "Geen." },
    { type: "heading", text: "Kandidaten voor terugstroom" },
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
      : { type: "text", text: "Geen." },
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
    { type: "heading", text: "Vrije capaciteit reguliere teams" },
    {
      type: "list",
      items: d.regularCapacity.length
        ? d.regularCapacity.map(
            (t) => `${t.name}: ${t.free >= 0 ? `${t.free} vrij` : `${-t.free} boven de norm`}`,
          )
        : ["geen reguliere teams"],
    },
    { type: "heading", text: "Caseload CRT" },
    {
      type: "list",
      items: d.crtCaseload.length
        ? d.crtCaseload.map(
            (w) =>
              `${w.name}: ${w.active} van ${w.norm} (${w.free >= 0 ? `${w.free} vrij` : `${-w.free} boven de norm`})`,
          )
        : ["geen medewerkers met een caseload"],
    },
    { type: "context", text: "Alleen zaaknummers; details staan in het zaaksysteem." },
  );
  return message(`Weekoverzicht ${d.team.name}: ${count(d.size, "zaak", "zaken")}`, blocks);
}

import type { Home } from "../cases/home.ts";
import { caseLine, deadlineLine, dutchDate } from "./caseViews.ts";
import { button } from "./control.ts";
import { mijnButtons } from "./controls/mijn.ts";
import { overdrachtButtons } from "./controls/overdracht.ts";
import { werkvoorraadButtons } from "./controls/werkvoorraad.ts";
import { HANDOVER_KIND_LABEL } from "./handoverViews.ts";
import { count, DEADLINE_LABEL, MEASURE_LABEL, PHASE_LABEL, ROLE_LABEL } from "./labels.ts";
import { type Action, type Block, type Message, message } from "./view.ts";

// A person's home (Slack's App Home, the Teams welcome card and `mijn`, the console's pane): what a
// jeugdbeschermer with 18 cases wants to see on her phone at 8:00. Every zaaknummer opens its case.

/** The home's refresh action; `welcome` keeps the welcome above it (the Teams install card). */
export const homeRefresh = (welcome = false): Action =>
  button(mijnButtons.verversen, "Verversen", welcome ? "welkom" : "");

const more = (shown: number, what: string) => ({
  type: "context" as const,
  text: `De eerste ${shown} ${what}; de rest staat in de lijst zelf.`,
});

export function homeMessage(h: Home, welcome = false): Message {
  const blocks: Block[] = [
    { type: "heading", text: `Mijn overzicht — ${h.person.name}` },
    {
      type: "context",
      text: `${ROLE_LABEL[h.person.role]} · ${dutchDate(h.today)} · alleen zaaknummers; details staan in het zaaksysteem.`,
    },
    { type: "heading", text: "Mijn termijnen deze week" },
  ];
  blocks.push(
    h.thisWeek.length
      ? {
          type: "list",
          items: h.thisWeek.map((d) =>
            caseLine(d.zaaknummer, `${d.zaaknummer}: ${deadlineLine(d, h.today)}`),
          ),
        }
      : { type: "text", text: `Geen termijnen tot en met ${dutchDate(h.weekEnd)}.` },
  );
  if (h.thisWeekMore) blocks.push(more(h.thisWeek.length, "termijnen (typ *herinneringen* voor alles)"));

  blocks.push({ type: "heading", text: `Mijn zaken (${h.cases.length}${h.casesMore ? "+" : ""})` });
  blocks.push(
    h.cases.length
      ? {
          type: "list",
          items: h.cases.map((c) =>
            caseLine(
              c.zaaknummer,
              `${c.zaaknummer} · ${MEASURE_LABEL[c.measure]} · ${PHASE_LABEL[c.phase]} · ${
                c.nextDue
                  ? `volgende: ${DEADLINE_LABEL[c.nextDue.kind]} ${dutchDate(c.nextDue.due)}${c.nextDue.overdue ? " *te laat*" : ""}`
                  : "geen open termijn"
              }`,
            ),
          ),
        }
      : { type: "text", text: "Je bent van geen open zaak de eigenaar." },
  );
  if (h.casesMore) blocks.push(more(h.cases.length, "zaken, op de eerstvolgende termijn"));

  blocks.push({ type: "heading", text: "Overdrachten voor jou" });
  if (h.handovers.length === 0) blocks.push({ type: "text", text: "Er wacht geen overdracht op jou." });
  else {
    blocks.push({
      type: "list",
      items: h.handovers.map((o) =>
        caseLine(
          o.zaaknummer,
          `${o.zaaknummer} · ${HANDOVER_KIND_LABEL[o.kind]} · van ${o.fromTeam}, gevraagd door ${o.requestedBy}`,
        ),
      ),
    });
    // The decisions themselves, for the oldest few: each opens the form that asks what it needs.
    blocks.push({
      type: "actions",
      actions: h.handovers
        .slice(0, 2)
        .flatMap((o) => [
          button(overdrachtButtons.accepteren, `Accepteren ${o.zaaknummer}`, o.id),
          button(overdrachtButtons.afwijzen, `Afwijzen ${o.zaaknummer}`, o.id),
        ]),
    });
  }

  if (h.team) {
    const t = h.team;
    blocks.push(
      { type: "heading", text: `Werkvoorraad ${t.name}` },
      {
        type: "fields",
        fields: [
          { label: "Wachtend", value: count(t.waiting, "zaak", "zaken") },
          { label: "Met een termijn te laat", value: count(t.overdue, "zaak", "zaken") },
          { label: "Nog niet getriëerd", value: count(t.untriaged, "zaak", "zaken") },
        ],
      },
      {
        type: "actions",
        actions: [
          button(werkvoorraadButtons.page, "Werkvoorraad bekijken", { team: t.code, offset: 0 }, "primary"),
        ],
      },
    );
  }
  blocks.push({ type: "actions", actions: [homeRefresh(welcome)] });
  const overdue = h.thisWeek.filter((d) => d.overdue).length;
  return {
    ...message(
      `${count(h.thisWeek.length, "termijn", "termijnen")} deze week${overdue ? `, ${overdue} te laat` : ""}`,
      blocks,
    ),
    refresh: homeRefresh(welcome),
  };
}

/** The home of someone Zicht does not know: polite, and nothing about any case. */
export const unknownHomeMessage = (): Message =>
  message("Welkom bij Zicht", [
    { type: "heading", text: "Welkom bij Zicht" },
    {
      type: "text",
      text: "Zicht helpt je zicht te houden op ieder kind dat wacht. Je bent nog niet bekend in Zicht: vraag de functioneel beheerder om je toe te voegen. Daarna zie je hier je termijnen, je zaken en de overdrachten die op je wachten.",
    },
  ]);

import type { DayItem, DayMessagePayload } from "../cases/payloads.ts";
import { dutchDate } from "../domain/dates.ts";
import type { ReminderStage } from "../domain/reminders.ts";
import { button } from "./control.ts";
import { herinneringenButtons, type ReminderRef } from "./controls/herinneringen.ts";
import { zaakButtons } from "./controls/zaak.ts";
import { handoverButton } from "./handoverViews.ts";
import { count, DEADLINE_LABEL } from "./labels.ts";
import { registerButton } from "./reminderView.ts";
import { type Action, type Block, type Message, message } from "./view.ts";

// "Mijn dag": everything a person must do, in one message per working day, updated in place as
// items are done or added. One line per deadline: an unowned case's reminder and escalation to
// the PB are the same work, so they are one line.

type Section = "te_laat" | "vandaag" | "binnenkort" | "escalaties";

const SECTION_TITLE: Record<Section, string> = {
  te_laat: "Te laat",
  vandaag: "Vandaag",
  binnenkort: "Binnenkort",
  escalaties: "Escalaties",
};
const SECTION_OF: Record<Exclude<ReminderStage, "escalatie">, Section> = {
  te_laat: "te_laat",
  vandaag: "vandaag",
  vooraf: "binnenkort",
};
const ORDER = ["vooraf", "vandaag", "te_laat", "escalatie"] as const;

/**
 * Lines with buttons; more would break Slack's 50 blocks and Teams' 28 KB per card, so the rest
 * are listed without (the `herinneringen` command has them all).
 */
const MAX_LINES_WITH_ACTIONS = 12;

interface Line {
  section: Section;
  items: DayItem[];
  /** The latest owner stage in the line, if any (what "Al gedaan" and "Uitstellen" act on). */
  ownerStage: DayItem | undefined;
  escalation: DayItem | undefined;
  done: boolean;
}

function linesOf(items: readonly DayItem[]): Line[] {
  const byDeadline = new Map<string, DayItem[]>();
  for (const i of items) {
    const id = `${i.zaaknummer}|${i.kind}|${i.due}`;
    byDeadline.set(id, [...(byDeadline.get(id) ?? []), i]);
  }
  return [...byDeadline.values()].map((group) => {
    const sorted = [...group].sort((a, b) => ORDER.indexOf(a.stage) - ORDER.indexOf(b.stage));
    const escalation = sorted.find((i) => i.stage === "escalatie");
    const ownerStage = sorted.filter((i) => i.stage !== "escalatie").at(-1);
    const stage = ownerStage?.stage as Exclude<ReminderStage, "escalatie"> | undefined;
    return {
      section: escalation || !stage ? "escalaties" : SECTION_OF[stage],
      items: group,
      ownerStage,
      escalation,
      done: group.every((i) => i.done),
    };
  });
}

function lineText(l: Line): string {
  const first = l.items[0] as DayItem;
  const what = DEADLINE_LABEL[first.kind];
  const standIn = l.ownerStage?.standingInFor;
  if (l.escalation)
    return `*${first.zaaknummer}* — ${what}, te laat sinds ${dutchDate(first.due)} — ${
      l.escalation.owner ? `eigenaar: ${l.escalation.owner}` : "geen eigenaar"
    }`;
  return `*${first.zaaknummer}* — ${what}, uiterlijk ${dutchDate(first.due)}${
    standIn ? ` — vervanging: eigenaar afwezig (${standIn})` : ""
  }${l.ownerStage?.snoozeReason ? ` — uitgesteld: ${l.ownerStage.snoozeReason}` : ""}`;
}

function lineActions(l: Line): Action[] {
  const first = l.items[0] as DayItem;
  const card = button(zaakButtons.open, "Zaakkaart", first.zaaknummer);
  const o = l.ownerStage;
  // An escalation about someone else's case: the PB looks, the owner acts.
  if (!o) return [card];
  const ref: ReminderRef = { z: o.zaaknummer, k: o.kind, d: o.due, s: o.stage };
  const actions: Action[] = [
    registerButton(o),
    button(herinneringenButtons.gedaan, "Al gedaan", ref),
    button(herinneringenButtons.uitstellen, "Uitstellen", ref),
    card,
  ];
  if (o.standingInFor)
    actions.push(
      handoverButton("Overdragen", { zaaknummer: o.zaaknummer, kind: "werker_werker", reason: "verlof" }),
    );
  return actions;
}

export function dayMessage(p: DayMessagePayload): Message {
  const lines = linesOf(p.items);
  const open = lines.filter((l) => !l.done);
  const done = lines.filter((l) => l.done);
  const blocks: Block[] = [{ type: "heading", text: `Mijn dag — ${dutchDate(p.day)}` }];
  let withActions = 0;
  const rest: string[] = [];
  for (const section of ["te_laat", "vandaag", "binnenkort", "escalaties"] as const) {
    const here = open.filter((l) => l.section === section);
    if (here.length === 0) continue;
    blocks.push({ type: "text", text: `*${SECTION_TITLE[section]}* (${here.length})` });
    for (const l of here) {
      if (withActions++ < MAX_LINES_WITH_ACTIONS) {
        blocks.push({ type: "text", text: lineText(l) }, { type: "actions", actions: lineActions(l) });
      } else rest.push(lineText(l));
    }
  }
  if (rest.length > 0)
    blocks.push(
      {
        type: "context",
        text: `Nog ${count(rest.length, "punt", "punten")}; typ \`herinneringen\` voor alles.`,
      },
      { type: "list", items: rest },
    );
  if (done.length > 0)
    blocks.push(
      { type: "text", text: `*Gedaan* (${done.length})` },
      { type: "list", items: done.map((l) => `${lineText(l)} — gedaan`) },
    );
  if (open.length === 0 && done.length > 0)
    blocks.push({ type: "context", text: "Alles van vandaag is gedaan." });
  const tally = (s: Section) => open.filter((l) => l.section === s).length;
  const summary = `Mijn dag: ${
    [
      tally("te_laat") ? `${tally("te_laat")} te laat` : "",
      tally("vandaag") ? `${tally("vandaag")} vandaag` : "",
      tally("binnenkort") ? `${tally("binnenkort")} binnenkort` : "",
      tally("escalaties") ? count(tally("escalaties"), "escalatie", "escalaties") : "",
    ]
      .filter(Boolean)
      .join(", ") || "alles gedaan"
  }`;
  return message(summary, blocks);
}

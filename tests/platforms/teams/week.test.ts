import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Issue 11's week through the real Teams adapter: messages and invokes as Teams sends them, cards
// pressed as a person presses them (long forms in dialogs, short ones replaced in place), the
// outbox delivering through a fake Bot Connector, and the clock moved day by day (the same scenario
// as tests/browser/week.test.ts and tests/platforms/slack/week.test.ts).

const ZAAK = "2026-9001";
const ALL_CHECKS = "contactpersonen,hulpvraag,analyse,veiligheid,plan,reden";
const PEOPLE = ["ccp-1", "gw-1", "pb-crt", "jb-crt-1", "pb-noord"];
let today = "2026-12-14"; // a Monday
let h: TeamsHarness;
const settings = { platforms: ["teams" as const], digestToCcp: false };

interface CardNode {
  type?: string;
  id?: string;
  title?: string;
  value?: unknown;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

beforeAll(async () => {
  h = await startTeamsHarness(today, () => new Date(`${today}T09:00:00Z`));
  for (const code of PEOPLE) expect(await h.install(code)).toBe(200);
}, 60_000);
afterAll(async () => h?.close());

const deliver = () =>
  new Dispatcher(h.db, {
    senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
    pacePerTargetMs: 0,
  }).drain();

/** Every node of a card (body, columns, action sets, actions), depth first. */
function nodes(card: unknown): CardNode[] {
  if (Array.isArray(card)) return card.flatMap(nodes);
  if (!card || typeof card !== "object") return [];
  return [card as CardNode, ...Object.values(card).flatMap(nodes)];
}

/** Cards that replaced pressed ones, per person (the invoke's answer is shown in place). */
const inPlace: Map<string, CardNode[]> = new Map();

/** How far a person's chat went: cards sent to it, and cards shown in place. */
interface Mark {
  sent: number;
  inPlace: number;
}
const mark = (code: string): Mark => ({
  sent: h.connector.cardsTo(h.conversation(code)).length,
  inPlace: inPlace.get(code)?.length ?? 0,
});

/** What a person reads in their chat after `since`: sent cards, then cards shown in place. */
const chatOf = (code: string, since: Mark = { sent: 0, inPlace: 0 }) => [
  ...h.connector
    .cardsTo(h.conversation(code))
    .slice(since.sent)
    .map((c) => JSON.parse(c) as CardNode),
  ...(inPlace.get(code) ?? []).slice(since.inPlace),
];

/** Waits until a card to `code` (after `since`) shows `text`; returns the newest such. */
async function heard(code: string, text: string, since?: Mark): Promise<CardNode> {
  const until = Date.now() + 15_000;
  for (;;) {
    await deliver();
    const found = chatOf(code, since).filter((c) => JSON.stringify(c).includes(text));
    if (found.length > 0) return found[found.length - 1] as CardNode;
    if (Date.now() > until) throw new Error(`${code} never read "${text}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A form as it is submitted: the values already in its inputs, then the person's answers. */
function submission(form: CardNode, answers: Record<string, string>): Record<string, unknown> {
  const submit = nodes(form).find((n) => n.type === "Action.Execute" || n.type === "Action.Submit");
  if (!submit?.data) throw new Error("the card has no submit button");
  const inputs = nodes(form).filter((n) => n.type?.startsWith("Input.") && n.id);
  const unknown = Object.keys(answers).filter((k) => !inputs.some((i) => i.id === k));
  if (unknown.length > 0) throw new Error(`the form has no field ${unknown.join(", ")}`);
  const prefilled = Object.fromEntries(
    inputs.filter((i) => i.value !== undefined && i.value !== "").map((i) => [i.id, String(i.value)]),
  );
  return { ...submit.data, ...prefilled, ...answers };
}

/**
 * Presses `title` on `card` and fills the form it opens: in a dialog (long forms) or in place (short
 * ones). Returns the card the person sees after submitting, when it is shown in place.
 */
type Answers = Record<string, string> | ((form: CardNode) => Record<string, string>);

/** The value of the choice whose title contains `label`, in the form's input `id`. */
function choice(form: CardNode, id: string, label: string): string {
  const input = nodes(form).find((n) => n.id === id) as
    | { choices?: { title: string; value: string }[] }
    | undefined;
  const found = input?.choices?.find((c) => c.title.includes(label));
  if (!found) throw new Error(`no choice "${label}" in ${id}`);
  return found.value;
}

async function pressAndFill(code: string, card: CardNode, title: string, answers: Answers, about?: string) {
  const button = nodes(card).find(
    (n) => n.title === title && n.data && (!about || JSON.stringify(n.data).includes(about)),
  );
  if (!button?.data) throw new Error(`no button "${title}"`);
  const opened = (await h.execute(code, button.data)).body.value as CardNode;
  const launcher = nodes(opened).find((n) => n.title === "Formulier openen");
  return fill(
    code,
    launcher ? await dialogForm(code, launcher.data as Record<string, unknown>) : opened,
    !!launcher,
    answers,
  );
}

async function dialogForm(code: string, data: Record<string, unknown>): Promise<CardNode> {
  const fetched = (await h.dialog(code, "task/fetch", data)) as {
    task?: { value?: { card?: { content?: CardNode } } };
  };
  const form = fetched.task?.value?.card?.content;
  if (!form) throw new Error("no dialog opened");
  return form;
}

async function fill(code: string, form: CardNode, inDialog: boolean, given: Answers) {
  const answers = typeof given === "function" ? given(form) : given;
  if (inDialog) {
    const answer = (await h.dialog(code, "task/submit", submission(form, answers))) as {
      task?: { type?: string };
    };
    // A dialog that stays open shows errors; the outcome goes to the chat.
    expect(answer.task?.type).not.toBe("continue");
    return;
  }
  const answer = (await h.execute(code, submission(form, answers))).body.value as CardNode;
  inPlace.set(code, [...(inPlace.get(code) ?? []), answer]);
}

/** Types a command whose answer is a long form, and fills its dialog. */
async function command(code: string, text: string, answers?: Answers) {
  const since = mark(code);
  expect(await h.say(code, text)).toBe(200);
  const answer = await heard(code, "", since);
  if (!answers) return answer;
  const launcher = nodes(answer).find((n) => n.title === "Formulier openen");
  if (launcher?.data) await fill(code, await dialogForm(code, launcher.data), true, answers);
  else await fill(code, answer, false, answers);
  return answer;
}

async function morning(date: string) {
  today = date;
  return runReminderSweep(h.app.ctx, date, settings);
}

describe("a week of work through Teams", () => {
  let outcome: CardNode;

  it("Monday: the CCP triages a new case; the advice is the CRT", async () => {
    await command("ccp-1", "triage", {
      zaaknummer: ZAAK,
      measure: "ots",
      arijRisk: "onbekend",
      helpInPlace: "nee",
      regularTeamHasRoom: "nee",
    });
    outcome = await heard("ccp-1", "Naar de werkvoorraad (CRT)");
    expect(JSON.stringify(outcome)).toContain("Directe kind-onveiligheid: nee");
  });

  it("Monday: the CCP records the ARIJ from the advice; a GW the kernbeslissing", async () => {
    await pressAndFill("ccp-1", outcome, "ARIJ registreren", { risk: "laag" });
    await heard("ccp-1", "ARIJ geregistreerd");
    await command("gw-1", `kernbeslissing ${ZAAK}`, { contactFrequencyWeeks: "2", gw: "gw-1" });
    await heard("gw-1", "Kernbeslissing vastgelegd");
  });

  it("Monday: the CCP hands it to the CRT from the advice; the CRT's PB accepts", async () => {
    await pressAndFill("ccp-1", outcome, "Overdragen aan CRT", { warm: "niet_nodig", checks: ALL_CHECKS });
    await heard("ccp-1", "is aangevraagd");
    const request = await heard("pb-crt", `Overdracht zaak ${ZAAK}`);
    await pressAndFill("pb-crt", request, "Accepteren", { owner: "jb-crt-1" });
    await heard("pb-crt", "is geaccepteerd");
  });

  it("the mornings: reminders on working days, nothing on Christmas Day", async () => {
    for (const date of ["2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18", "2026-12-21", "2026-12-22"])
      expect((await morning(date)).ran).toBe(true);
    // The case is a line of her day message ("Mijn dag").
    await heard("jb-crt-1", `*${ZAAK}*`);
    expect(await morning("2026-12-25")).toMatchObject({ ran: false });
  });

  it("Monday after: a contact from the reminder with its real date; a slip voided", async () => {
    await morning("2026-12-28");
    const reminder = await heard("jb-crt-1", `*${ZAAK}*`);
    await pressAndFill("jb-crt-1", reminder, "Registreren", { date: "2026-12-22" }, ZAAK);
    await heard("jb-crt-1", "Contact geregistreerd");
    await command("jb-crt-1", `contact ${ZAAK}`, { date: "2026-12-22", kind: "telefonisch" });
    const card = await command("jb-crt-1", `zaak ${ZAAK}`);
    await pressAndFill("jb-crt-1", card, "Corrigeren", (form) => ({
      record: choice(form, "record", "telefonisch"),
      reason: "dubbel",
    }));
    await heard("jb-crt-1", "Registratie vervallen");
    const since = mark("jb-crt-1");
    await command("jb-crt-1", `zaak ${ZAAK}`);
    expect(JSON.stringify(await heard("jb-crt-1", "Laatste contact", since))).toContain(
      "22-12-2026, face-to-face met het kind",
    );
  });

  it("terugstroom: the CRT's PB hands it back; the regular team names its vaste jeugdbeschermer", async () => {
    await command("pb-crt", `overdracht ${ZAAK}`, (form) => ({
      toTeam: "NOORD",
      reason: choice(form, "reason", ""),
      warm: "niet_nodig",
      checks: ALL_CHECKS,
    }));
    await heard("pb-crt", "is aangevraagd");
    const request = await heard("pb-noord", `Overdracht zaak ${ZAAK}`);
    let named = "";
    await pressAndFill("pb-noord", request, "Accepteren", (form) => {
      const input = nodes(form).find((n) => n.id === "owner") as {
        choices?: { title: string; value: string }[];
      };
      named = input.choices?.[0]?.title ?? "";
      return { owner: input.choices?.[0]?.value ?? "" };
    });
    await heard("pb-noord", `vaste jeugdbeschermer: ${named}`);
  });

  it("the case is closed with a reason from the list", async () => {
    const card = await command("pb-noord", `zaak ${ZAAK}`);
    await pressAndFill("pb-noord", card, "Afsluiten", { reason: "maatregel_beeindigd" });
    await heard("pb-noord", "afgesloten");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createSlackSender } from "../../../src/platforms/slack/sender.ts";
import type { SlackCall } from "../../support/fakeSlackApi.ts";
import { type Answer, fillModal, optionWithLabel, prefilled } from "../../support/slackModal.ts";
import { blockAction, post, slashCommand, viewSubmission } from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

// Issue 11's week through the real Bolt receiver: signed slash commands, modals filled from the
// views Zicht opened, buttons pressed on the messages people received, the outbox delivering to a
// fake Slack API, and the clock moved day by day (the same scenario as tests/browser/week.test.ts).

const ZAAK = "2026-9001";
const ALL_CHECKS = ["contactpersonen", "hulpvraag", "analyse", "veiligheid", "plan", "reden"];
let today = "2026-12-14"; // a Monday
let h: SlackHarness;
const settings = { platforms: ["slack" as const], digestToCcp: false };

beforeAll(async () => {
  h = await startSlackHarness(today, () => new Date(`${today}T09:00:00Z`));
}, 60_000);
afterAll(async () => h?.close());

const deliver = () =>
  new Dispatcher(h.db, {
    senders: { slack: createSlackSender("xoxb-test", `${h.fake.url}/api/`) },
    pacePerTargetMs: 0,
  }).drain();

/** Everything a person was shown (DMs, answers to their commands, opened modals), newest last. */
async function shown(code: string, since = 0): Promise<SlackCall[]> {
  const id = await h.slackId(code);
  return h.fake.calls
    .slice(since)
    .filter(
      (c) =>
        (c.method === "chat.postMessage" && c.body.channel === id) ||
        (c.method === "response_url" && c.path === `/respond/${code}`) ||
        c.method === "views.open",
    );
}

/** Waits until a message to `code` (sent after call number `since`) shows `text`; returns the newest such. */
async function heard(code: string, text: string, since = 0): Promise<SlackCall> {
  const until = Date.now() + 15_000;
  for (;;) {
    await deliver();
    const found = (await shown(code, since)).filter(
      (c) => c.method !== "views.open" && textOf(c.body).includes(text),
    );
    if (found.length > 0) return found[found.length - 1] as SlackCall;
    if (Date.now() > until) throw new Error(`${code} never read "${text}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function command(code: string, typed: string) {
  const res = await post(h.url, slashCommand(await h.slackId(code), typed, `${h.fake.url}/respond/${code}`));
  expect(res.status).toBe(200);
}

/** Presses the button labelled `label` on `message` (the one for `about`, when given), as `code`. */
async function press(code: string, message: SlackCall, label: string, about?: string) {
  const found = [
    ...JSON.stringify(message.body).matchAll(
      new RegExp(
        `"text":\\{"type":"plain_text","text":"${label}"[^}]*\\},"action_id":"([^"]+)","value":"((?:[^"\\\\]|\\\\.)*)"`,
        "g",
      ),
    ),
  ].find((m) => !about || (m[2] ?? "").includes(about));
  if (!found) throw new Error(`no button "${label}" in ${textOf(message.body).slice(0, 300)}`);
  const value = JSON.parse(`"${found[2]}"`) as string;
  const res = await post(
    h.url,
    blockAction(await h.slackId(code), found[1] ?? "", value, `${h.fake.url}/respond/${code}`),
  );
  expect(res.status).toBe(200);
}

/** The modal opened last, waiting for it. */
async function modal(after: number): Promise<Record<string, unknown>> {
  const until = Date.now() + 15_000;
  for (;;) {
    const opened = h.fake.callsTo("views.open");
    if (opened.length > after) return opened[opened.length - 1]?.body.view as Record<string, unknown>;
    if (Date.now() > until) throw new Error("no modal opened");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Does `act`, then fills the modal it opened and submits it; returns Slack's answer to the submission. */
async function throughModal(
  code: string,
  act: () => Promise<void>,
  answers: (view: Record<string, unknown>) => Record<string, Answer>,
) {
  const before = h.fake.callsTo("views.open").length;
  await act();
  const view = await modal(before);
  const res = await post(h.url, viewSubmission(await h.slackId(code), view, fillModal(view, answers(view))));
  expect(res.status).toBe(200);
  const body = await res.text();
  return { view, answer: body ? (JSON.parse(body) as Record<string, unknown>) : {} };
}

async function morning(date: string) {
  today = date;
  return runReminderSweep(h.app.ctx, date, settings);
}

describe("a week of work through Slack", () => {
  let outcome: SlackCall;

  it("Monday: the CCP triages a new case; the advice is the CRT", async () => {
    const { answer } = await throughModal(
      "ccp-1",
      () => command("ccp-1", "triage"),
      () => ({
        zaaknummer: ZAAK,
        measure: "ots",
        arijRisk: "onbekend",
        helpInPlace: "nee",
        regularTeamHasRoom: "nee",
      }),
    );
    expect(answer).toEqual({});
    outcome = await heard("ccp-1", "Naar de werkvoorraad (CRT)");
    expect(textOf(outcome.body)).toContain("Directe kind-onveiligheid: nee");
  });

  it("Monday: the CCP records the ARIJ from the advice; a GW the kernbeslissing", async () => {
    await throughModal(
      "ccp-1",
      () => press("ccp-1", outcome, "ARIJ registreren"),
      () => ({ risk: "laag" }),
    );
    await heard("ccp-1", "ARIJ geregistreerd");
    await throughModal(
      "gw-1",
      () => command("gw-1", `kernbeslissing ${ZAAK}`),
      () => ({
        contactFrequencyWeeks: "2",
        gw: "gw-1",
      }),
    );
    await heard("gw-1", "Kernbeslissing vastgelegd");
  });

  it("Monday: the CCP hands it to the CRT from the advice; the CRT's PB accepts", async () => {
    const { view } = await throughModal(
      "ccp-1",
      () => press("ccp-1", outcome, "Overdragen aan CRT"),
      () => ({
        warm: "niet_nodig",
        checks: ALL_CHECKS,
      }),
    );
    // The advice chose the kind and the receiving team.
    expect(prefilled(view, "toTeam")).toBe("CRT");
    await heard("ccp-1", "is aangevraagd");
    const request = await heard("pb-crt", `Overdracht zaak ${ZAAK}`);
    await throughModal(
      "pb-crt",
      () => press("pb-crt", request, "Accepteren"),
      () => ({ owner: "jb-crt-1" }),
    );
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
    await throughModal(
      "jb-crt-1",
      () => press("jb-crt-1", reminder, "Registreren", ZAAK),
      () => ({ date: "2026-12-22" }),
    );
    await heard("jb-crt-1", "Contact geregistreerd");
    await throughModal(
      "jb-crt-1",
      () => command("jb-crt-1", `contact ${ZAAK}`),
      () => ({
        date: "2026-12-22",
        kind: "telefonisch",
      }),
    );
    await command("jb-crt-1", `zaak ${ZAAK}`);
    const card = await heard("jb-crt-1", "Laatste contact");
    await throughModal(
      "jb-crt-1",
      () => press("jb-crt-1", card, "Corrigeren"),
      (view) => ({
        record: optionWithLabel(view, "record", "telefonisch"),
        reason: "dubbel",
      }),
    );
    await heard("jb-crt-1", "Registratie vervallen");
    const since = h.fake.calls.length;
    await command("jb-crt-1", `zaak ${ZAAK}`);
    const after = textOf((await heard("jb-crt-1", "Laatste contact", since)).body);
    expect(after).toContain("22-12-2026, face-to-face met het kind");
  });

  it("terugstroom: the CRT's PB hands it back; the regular team names its vaste jeugdbeschermer", async () => {
    await throughModal(
      "pb-crt",
      () => command("pb-crt", `overdracht ${ZAAK}`),
      (view) => ({
        toTeam: "NOORD",
        reason: optionWithLabel(view, "reason", ""),
        warm: "niet_nodig",
        checks: ALL_CHECKS,
      }),
    );
    await heard("pb-crt", "is aangevraagd");
    const request = await heard("pb-noord", `Overdracht zaak ${ZAAK}`);
    let named = "";
    await throughModal(
      "pb-noord",
      () => press("pb-noord", request, "Accepteren"),
      (view) => {
        const options =
          (
            view.blocks as {
              block_id?: string;
              element?: { options?: { value: string; text: { text: string } }[] };
            }[]
          ).find((b) => b.block_id === "owner")?.element?.options ?? [];
        named = options[0]?.text.text ?? "";
        return { owner: options[0]?.value ?? null };
      },
    );
    await heard("pb-noord", `vaste jeugdbeschermer: ${named}`);
  });

  it("the case is closed with a reason from the list", async () => {
    await command("pb-noord", `zaak ${ZAAK}`);
    const card = await heard("pb-noord", "Laatste contact");
    await throughModal(
      "pb-noord",
      () => press("pb-noord", card, "Afsluiten"),
      () => ({ reason: "maatregel_beeindigd" }),
    );
    await heard("pb-noord", "afgesloten");
  });
});

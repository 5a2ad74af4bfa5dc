import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
});
afterAll(async () => h.close());

/** The card an Action.Execute answer puts in place of the pressed one. */
function cardOf(answer: { body: Record<string, unknown> }): string {
  expect(answer.body.type).toBe("application/vnd.microsoft.card.adaptive");
  return JSON.stringify(answer.body.value);
}

type Card = { body: Record<string, unknown>[]; actions?: { data: Record<string, unknown> }[] };

/** The submit data of a form card, with the answers a person gives. */
function submitData(cardJson: string, answers: Record<string, string>): Record<string, unknown> {
  const card = JSON.parse(cardJson) as Card;
  const data = card.actions?.[0]?.data;
  if (!data) throw new Error("not a form card");
  return { ...data, ...answers };
}

describe("Zicht in Teams", () => {
  it("answers help, with or without a leading / or an @mention", async () => {
    expect(await h.say("ccp-1", "help")).toBe(200);
    expect(await h.cardTo("ccp-1", "Zicht — hulp")).toContain("triage [ZAAKNUMMER]");
    h.connector.clear();
    await h.say("ccp-1", "<at>Zicht</at> /capaciteit");
    expect(await h.cardTo("ccp-1", "Capaciteit per team")).toContain("Regio Noord");
  });

  it("refuses an unknown user politely", async () => {
    await h.say("onbekend-persoon", "werkvoorraad");
    expect(await h.cardTo("onbekend-persoon", "nog niet bekend in Zicht")).toBeTruthy();
  });

  it("triages a new case in a dialog, with errors shown at the field and what was typed kept", async () => {
    h.connector.clear();
    const form = await h.openForm("ccp-1", "triage");
    expect(form).toContain("Input.ChoiceSet");
    const answers = {
      zaaknummer: "2026-9101",
      measure: "ots",
      receivedOn: "2026-12-01",
      team: "CCP",
      crit_acuut: "huiselijk_geweld",
      arijRisk: "hoog",
      arijDate: "2026-11-20",
      problems: "schulden,lvb",
      birthYears: "2022",
      helpInPlace: "nee",
      regularTeamHasRoom: "nee",
    };
    // The dialog stays open with the error under its field and what was typed.
    const refused = (await h.dialog("ccp-1", "task/submit", submitData(form, answers))) as {
      task: { type: string; value: { card: { content: unknown } } };
    };
    expect(refused.task.type).toBe("continue");
    const again = JSON.stringify(refused.task.value.card.content);
    expect(again).toContain("toekomst");
    expect(again).toContain("2026-9101"); // what was typed stays
    // Saved: the dialog closes and the outcome lands in the chat.
    h.connector.clear();
    const done = await h.dialog(
      "ccp-1",
      "task/submit",
      submitData(form, { ...answers, receivedOn: "2026-11-20" }),
    );
    expect(done).toEqual({});
    const outcome = await h.cardTo("ccp-1", "Directe kind-onveiligheid: ja");
    expect(outcome).toContain("A acuut");
    expect(cardProblems(JSON.parse(outcome))).toEqual([]);
  });

  it("records a contact, an ARIJ and a kernbeslissing, and shows the case card", async () => {
    for (const [typed, answers, title] of [
      [
        "contact 2026-9101",
        { date: TODAY, kind: "kind_face_to_face", newConcerns: "nee" },
        "Contact geregistreerd",
      ],
      ["arij 2026-9101", { date: TODAY, risk: "middelmatig", reason: "periodiek" }, "ARIJ geregistreerd"],
      [
        "kernbeslissing 2026-9101",
        { date: TODAY, contactFrequencyWeeks: "4", gw: "gw-1" },
        "Kernbeslissing vastgelegd",
      ],
    ] as const) {
      h.connector.clear();
      const form = typed.startsWith("kern")
        ? await h.openForm("gw-1", typed)
        : await h.say("ccp-1", typed).then(() => h.cardTo("ccp-1", "Action.Execute"));
      const done = await h.execute(
        typed.startsWith("kern") ? "gw-1" : "ccp-1",
        submitData(form, answers as Record<string, string>),
      );
      expect(JSON.stringify(done.body.value)).toContain(title);
    }
    h.connector.clear();
    await h.say("ccp-1", "zaak 2026-9101");
    const card = await h.cardTo("ccp-1", "Zaak 2026-9101");
    expect(card).toContain("elke 4 weken");
    expect(card).toContain("21-12-2026");
  });

  it("shows a kernbeslissing's validation error on the form", async () => {
    h.connector.clear();
    const form = await h.openForm("gw-1", "kernbeslissing 2026-9101");
    const refused = await h.execute(
      "gw-1",
      submitData(form, { date: TODAY, contactFrequencyWeeks: "26", gw: "gw-1" }),
    );
    expect(JSON.stringify(refused.body.value)).toContain("13 weken");
  });

  it("shows each form's validation errors on the card: contact, ARIJ, handover", async () => {
    for (const [code, typed, answers, words] of [
      ["ccp-1", "contact 2026-9101", { date: "2026-12-24", kind: "ouders", newConcerns: "nee" }, "toekomst"],
      ["ccp-1", "arij 2026-9101", { date: TODAY, reason: "periodiek" }, "Kies een risico"],
      [
        "pb-ccp",
        "overdracht 2026-9101",
        { kind: "ccp_regulier", toTeam: "NOORD", reason: "ziekte", warm: "niet_nodig", checks: "plan" },
        "zaaksysteem",
      ],
    ] as const) {
      h.connector.clear();
      const form = typed.startsWith("overdracht")
        ? await h.openForm(code, typed)
        : await h.say(code, typed).then(() => h.cardTo(code, "Action.Execute"));
      const refused = await h.execute(code, submitData(form, answers as Record<string, string>));
      expect(JSON.stringify(refused.body.value)).toContain(words);
      expect(cardProblems(refused.body.value)).toEqual([]);
    }
  });

  it("marks a milestone and overrides a priority through their card forms", async () => {
    h.connector.clear();
    const milestone = cardOf(
      await h.execute("ccp-1", { zicht: "action", id: "zaak.mijlpaal", value: "2026-9101" }),
    );
    expect(milestone).toContain("Mijlpaal afronden");
    const refused = await h.execute("ccp-1", submitData(milestone, { kind: "hulp", doneOn: "2026-12-31" }));
    expect(JSON.stringify(refused.body.value)).toContain("toekomst");
    const done = await h.execute("ccp-1", submitData(milestone, { kind: "hulp", doneOn: TODAY }));
    expect(JSON.stringify(done.body.value)).toContain("Mijlpaal afgerond");

    h.connector.clear();
    const override = cardOf(
      await h.execute("pb-ccp", {
        zicht: "action",
        id: "werkvoorraad.override",
        value: JSON.stringify({ team: "CCP", offset: 0 }),
      }),
    );
    expect(override).toContain("Prioriteit aanpassen");
    const noReason = await h.execute(
      "pb-ccp",
      submitData(override, { zaaknummer: "2026-9101", priorityClass: "C", reason: "" }),
    );
    expect(JSON.stringify(noReason.body.value)).toContain("Kies een reden uit de lijst.");
    const changed = await h.execute(
      "pb-ccp",
      submitData(override, {
        zaaknummer: "2026-9101",
        priorityClass: "C",
        reason: "risico_lager",
      }),
    );
    expect(JSON.stringify(changed.body.value)).toContain("C midden");
  });

  it("shows the werkvoorraad as a full-width card", async () => {
    h.connector.clear();
    await h.say("pb-noord", "werkvoorraad");
    const card = JSON.parse(await h.cardTo("pb-noord", "Werkvoorraad")) as { msteams?: unknown };
    expect(card.msteams).toEqual({ width: "Full" });
  });

  it("lists a person's own deadlines", async () => {
    h.connector.clear();
    await h.say("jb-noord-1", "herinneringen");
    expect(await h.cardTo("jb-noord-1", "Jouw termijnen")).toBeTruthy();
  });

  it("a button's answer takes its card's place (Action.Execute); the Action.Submit fallback answers anew", async () => {
    h.connector.clear();
    const invoked = await h.execute("ccp-1", { zicht: "action", id: "zaak.open", value: "2026-9101" });
    expect(invoked.status).toBe(200);
    expect(cardOf(invoked)).toContain("Zaak 2026-9101");
    expect(h.connector.calls).toEqual([]);
    h.connector.clear();
    await h.say("ccp-1", "", {
      zicht: "action",
      id: "werkvoorraad.page",
      value: JSON.stringify({ team: "CCP", offset: 0 }),
    });
    expect(await h.cardTo("ccp-1", "Werkvoorraad Cliënt Coördinatie Punt")).toBeTruthy();
  });

  it("every card sent parses in the adaptivecards library without events and stays under Teams' size limit", () => {
    const cards = h.connector.calls.flatMap(
      (c) => (c.activity.attachments as { content: unknown }[] | undefined)?.map((a) => a.content) ?? [],
    );
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(cardProblems(card)).toEqual([]);
  });
});

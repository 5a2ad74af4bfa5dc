import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cases } from "../../../db/schema.ts";
import {
  blockAction,
  checks,
  date,
  multi,
  number,
  post,
  select,
  sign,
  slashCommand,
  text,
  viewSubmission,
} from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

const TODAY = "2026-11-23"; // Monday
let h: SlackHarness;
let respondTo = "";

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  respondTo = `${h.fake.url}/respond/1`;
});
afterAll(async () => h.close());
beforeEach(() => h.fake.clear());

async function command(code: string, textTyped: string) {
  const user = code.startsWith("U") ? code : await h.slackId(code);
  const res = await post(h.url, slashCommand(user, textTyped, respondTo));
  expect(res.status).toBe(200);
  return res;
}

/** Types a command that opens a modal and returns the view Slack was asked to open. */
async function openModal(code: string, typed: string) {
  await command(code, typed);
  const call = await h.waitFor("views.open");
  return call.body.view as Record<string, unknown>;
}

async function submit(code: string, view: Record<string, unknown>, values: Record<string, unknown>) {
  const res = await post(h.url, viewSubmission(await h.slackId(code), view, values));
  expect(res.status).toBe(200);
  const body = await res.text();
  return body ? (JSON.parse(body) as { response_action?: string; errors?: Record<string, string> }) : {};
}

const answered = async () => textOf((await h.waitFor("response_url")).body);
const dm = async (code: string) => {
  const id = await h.slackId(code);
  return textOf((await h.waitFor("chat.postMessage", (c) => c.body.channel === id)).body);
};

describe("the door: signatures and people", () => {
  it("refuses a bad signature and a stale timestamp with 401", async () => {
    // Bolt checks its token once at start; wait for that call rather than for a fixed time, which
    // a busy machine (two cores, parallel suites) can overrun.
    await h.waitFor("auth.test");
    h.fake.clear();
    const body = slashCommand("U0DEMO0017", "help", respondTo);
    expect((await post(h.url, body, sign(body, undefined, "wrong-secret"))).status).toBe(401);
    expect((await post(h.url, body, sign(body, Math.floor(Date.now() / 1000) - 10 * 60))).status).toBe(401);
    // Bolt's own start-up check (auth.test) may land late on a busy machine; it answers no request.
    expect(h.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });

  it("answers an unknown user politely and does nothing else", async () => {
    await command("U0NIEMAND", "werkvoorraad");
    expect(await answered()).toContain("nog niet bekend in Zicht");
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls.map((c) => c.method)).toEqual(["response_url"]);
  });

  it("acknowledges within Slack's three seconds", async () => {
    const started = Date.now();
    await command("ccp-1", "werkvoorraad");
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await answered()).toContain("Werkvoorraad");
  });

  it("shows the usage card for help and for an unknown subcommand, only to the requester", async () => {
    await command("ccp-1", "help");
    const help = await answered();
    for (const word of [
      "triage",
      "zaak",
      "contact",
      "arij",
      "kernbeslissing",
      "werkvoorraad",
      "capaciteit",
      "overdracht",
    ]) {
      expect(help).toContain(word);
    }
    expect(h.fake.callsTo("response_url")[0]?.body.response_type).toBe("ephemeral");
    h.fake.clear();
    await command("ccp-1", "koffie");
    expect(await answered()).toContain("Die opdracht ken ik niet");
  });
});

describe("a case from triage to werkvoorraad", () => {
  it("triages a new case with directe kind-onveiligheid", async () => {
    const view = await openModal("ccp-1", "triage");
    expect(textOf({ view })).toContain("fysiek geweld");
    const answers = {
      zaaknummer: text("2026-9001"),
      measure: select("ots"),
      receivedOn: date("2026-11-20"),
      rulingOn: date(null),
      endDate: date("2027-11-19"),
      team: select("CCP"),
      crit_acuut: checks(["fysiek_geweld"]),
      arijRisk: select("hoog"),
      arijDate: date("2026-11-19"),
      problems: multi(["verslaving_ouder", "schulden"]),
      sustainingFactors: multi([]),
      birthYears: text("2024 2021"),
      helpInPlace: select("nee"),
      regularTeamHasRoom: select("nee"),
    };
    expect(await submit("ccp-1", view, { ...answers, receivedOn: date("2026-12-01") })).toMatchObject({
      response_action: "errors",
      errors: { receivedOn: expect.stringContaining("toekomst") },
    });
    expect(await submit("ccp-1", view, { ...answers, birthYears: text("twintig") })).toMatchObject({
      response_action: "errors",
      errors: { birthYears: expect.any(String) },
    });
    expect(await submit("ccp-1", view, answers)).toEqual({});
    const outcome = await dm("ccp-1");
    expect(outcome).toContain("Directe kind-onveiligheid: ja");
    expect(outcome).toContain("fysiek geweld");
    expect(outcome).toContain("A acuut");
    expect(outcome).toContain("veiligheidsafspraken");
    // Received Friday 20 November: first face-to-face contact within 5 werkdagen → Friday 27 November.
    expect(outcome).toContain("27-11-2026");
  });

  it("records a contact, refusing a date in the future at the date field", async () => {
    const view = await openModal("ccp-1", "contact 2026-9001");
    const values = {
      date: date("2026-11-30"),
      kind: select("kind_face_to_face"),
      newConcerns: select("nee"),
    };
    expect(await submit("ccp-1", view, values)).toMatchObject({
      errors: { date: expect.stringContaining("toekomst") },
    });
    expect(await submit("ccp-1", view, { ...values, date: date("2026-11-23") })).toEqual({});
    expect(await dm("ccp-1")).toContain("Contact geregistreerd");
  });

  it("records an ARIJ", async () => {
    const view = await openModal("ccp-1", "arij 2026-9001");
    expect(
      await submit("ccp-1", view, {
        date: date("2026-11-23"),
        risk: select(null),
        reason: select("periodiek"),
      }),
    ).toMatchObject({
      errors: { risk: expect.stringContaining("risico") },
    });
    expect(
      await submit("ccp-1", view, {
        date: date("2026-11-23"),
        risk: select("middelmatig"),
        reason: select("periodiek"),
      }),
    ).toEqual({});
    expect(await dm("ccp-1")).toContain("ARIJ geregistreerd");
  });

  it("records a kernbeslissing with a GW chosen from the list", async () => {
    const view = await openModal("gw-1", "kernbeslissing 2026-9001");
    const values = {
      date: date("2026-11-23"),
      contactFrequencyWeeks: number("20"),
      gw: select("gw-1"),
      plannedNext: date(null),
    };
    expect(await submit("gw-1", view, values)).toMatchObject({
      errors: { contactFrequencyWeeks: expect.stringContaining("13 weken") },
    });
    expect(await submit("gw-1", view, { ...values, contactFrequencyWeeks: number("4") })).toEqual({});
    expect(await dm("gw-1")).toContain("Kernbeslissing vastgelegd");
  });

  it("shows the updated case card with the next actions", async () => {
    await command("ccp-1", "zaak 2026-9001");
    const card = await answered();
    expect(card).toContain("Zaak 2026-9001");
    expect(card).toContain("face-to-face met het kind");
    expect(card).toContain("middelmatig risico");
    expect(card).toContain("elke 4 weken");
    // Last contact 23 November + 4 weeks = 21 December.
    expect(card).toContain("21-12-2026");
    for (const action of ["contact.open", "arij.open", "kernbeslissing.open", "zaak.mijlpaal"])
      expect(card).toContain(action);
  });

  it("lists the case in the werkvoorraad, and a PB can override its priority", async () => {
    await command("pb-ccp", "werkvoorraad CCP");
    const list = await answered();
    expect(list).toContain("2026-9001");
    expect(list).toContain("werkvoorraad.override");
    h.fake.clear();
    await post(
      h.url,
      blockAction(
        await h.slackId("pb-ccp"),
        "werkvoorraad.override#0",
        JSON.stringify({ team: "CCP", offset: 0 }),
        respondTo,
      ),
    );
    const view = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    const values = {
      zaaknummer: select("2026-9001"),
      priorityClass: select("B"),
      reason: select("anders"),
      note: text("Bel 06-12345678"),
    };
    expect(await submit("pb-ccp", view, values)).toMatchObject({
      errors: { note: expect.stringContaining("telefoonnummer") },
    });
    expect(
      await submit("pb-ccp", view, { ...values, reason: select("risico_hoger"), note: text("") }),
    ).toEqual({});
    expect(await dm("pb-ccp")).toContain("B hoog");
  });

  it("marks a milestone done from the case card's button", async () => {
    await post(h.url, blockAction(await h.slackId("ccp-1"), "zaak.mijlpaal#3", "2026-9001", respondTo));
    const view = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    expect(
      await submit("ccp-1", view, { kind: select("plan_van_aanpak"), doneOn: date("2026-11-30") }),
    ).toMatchObject({
      errors: { doneOn: expect.stringContaining("toekomst") },
    });
    expect(await submit("ccp-1", view, { kind: select("plan_van_aanpak"), doneOn: date(TODAY) })).toEqual({});
    expect(await dm("ccp-1")).toContain("Mijlpaal afgerond");
  });

  it("pages through the werkvoorraad within Slack's limits", async () => {
    await command("pb-crt", "werkvoorraad CRT");
    const first = await answered();
    expect(first).toContain("Zaak 1–15 van 110");
    const next = first.match(/"action_id":"werkvoorraad\.page#\d+","value":"(\{[^}]*\})"/)?.[1];
    h.fake.clear();
    await post(
      h.url,
      blockAction(await h.slackId("pb-crt"), "werkvoorraad.page#0", JSON.parse(`"${next}"`), respondTo),
    );
    expect(await answered()).toContain("Zaak 16–30 van 110");
  });

  it("shows free capacity per team", async () => {
    await command("tm-1", "capaciteit");
    const capacity = await answered();
    expect(capacity).toContain("Regio Noord");
    expect(capacity).toContain("vrij");
  });
});

describe("refusals", () => {
  it("a jeugdbeschermer may not triage", async () => {
    await command("jb-noord-1", "triage");
    expect(await answered()).toContain("Alleen CCP-medewerkers");
    expect(h.fake.callsTo("views.open")).toEqual([]);
  });

  it("a worker of another team may not record a contact on the case", async () => {
    await command("jb-zuid-1", "contact 2026-9001");
    expect(await answered()).toContain("Je kunt niet werken aan deze zaak");
  });

  it("an unknown zaaknummer is named", async () => {
    await command("ccp-1", "zaak 2099-0001");
    expect(await answered()).toContain("Zaak 2099-0001 is niet gevonden");
  });

  it("no case was written by a refused request", async () => {
    expect(await h.db.select().from(cases).where(eq(cases.zaaknummer, "2099-0001"))).toEqual([]);
  });
});

describe("privacy and Block Kit", () => {
  it("never broke a Block Kit limit and posted nothing with case details to a channel", () => {
    expect(h.fake.violations).toEqual([]);
  });
});

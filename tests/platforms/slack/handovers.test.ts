import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cases, deadlines, kernbeslissingen, notifications, people, teams } from "../../../db/schema.ts";
import { recordArij } from "../../../src/cases/recordArij.ts";
import { recordKernbeslissing } from "../../../src/cases/recordKernbeslissing.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { planReminders } from "../../../src/jobs/reminderSweep.ts";
import { createSlackSender } from "../../../src/platforms/slack/sender.ts";
import { linkAccount } from "../../support/accounts.ts";
import { testContext } from "../../support/db.ts";
import {
  blockAction,
  checks,
  date,
  post,
  select,
  slashCommand,
  viewSubmission,
} from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

const TODAY = "2026-11-23"; // Monday
const ALL_CHECKS = ["contactpersonen", "hulpvraag", "analyse", "veiligheid", "plan", "reden"];
let h: SlackHarness;
let respondTo = "";

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  respondTo = `${h.fake.url}/respond/3`;
});
afterAll(async () => h.close());
beforeEach(() => h.fake.clear());

const ctx = () => testContext(h.db, TODAY);
const personId = async (code: string) =>
  (await h.db.select().from(people).where(eq(people.code, code)))[0]!.id;
const actor = async (code: string) => ({ personId: await personId(code), via: "test" });

/** A case of a team in a phase, not yet handed over in this suite. */
async function aCase(team: string, phase: "regulier" | "crt" | "ccp", skip: string[] = []) {
  const [t] = await h.db.select().from(teams).where(eq(teams.code, team));
  const rows = await h.db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, t!.id), eq(cases.phase, phase)));
  return rows.find((r) => !skip.includes(r.zaaknummer))!;
}

async function openForm(code: string, typed: string) {
  await post(h.url, slashCommand(await h.slackId(code), typed, respondTo));
  return (await h.waitFor("views.open")).body.view as Record<string, unknown>;
}

async function submit(code: string, view: Record<string, unknown>, values: Record<string, unknown>) {
  const res = await post(h.url, viewSubmission(await h.slackId(code), view, values));
  const body = await res.text();
  return body ? JSON.parse(body) : {};
}

async function press(code: string, actionId: string, value: string) {
  await post(h.url, blockAction(await h.slackId(code), `${actionId}#0`, value, respondTo));
}

const deliver = () =>
  new Dispatcher(h.db, {
    senders: { slack: createSlackSender("xoxb-test", `${h.fake.url}/api/`) },
    pacePerTargetMs: 0,
  }).drain();

/** The DM a person got with the request, and its Accepteren value. */
async function requestDm(code: string, zaaknummer: string) {
  await deliver();
  const id = await h.slackId(code);
  const dm = await h.waitFor(
    "chat.postMessage",
    (c) => c.body.channel === id && textOf(c.body).includes(`Overdracht zaak ${zaaknummer}`),
  );
  const accept = textOf(dm.body).match(/"action_id":"overdracht\.accepteren#\d+","value":"(\d+)"/);
  return { dm, handoverId: accept?.[1] ?? "" };
}

const form = (kind: string, toTeam: string, reason: string, extra: Record<string, unknown> = {}) => ({
  kind: select(kind),
  toTeam: select(toTeam),
  toPerson: select(null),
  reason: select(reason),
  warm: select("niet_nodig"),
  warmOn: date(null),
  checks: checks(ALL_CHECKS),
  ...extra,
});

describe("handovers through Slack", () => {
  let toCrt = "";

  it("regulier → CRT is refused without a kernbeslissing, and without the checks, at the fields", async () => {
    toCrt = (await aCase("NOORD", "regulier")).zaaknummer;
    const view = await openForm("pb-noord", `overdracht ${toCrt}`);
    expect(textOf({ view })).toContain("regulier team of CCP → CRT");
    // Whatever the demo data holds, this case has no kernbeslissing.
    await h.db
      .delete(kernbeslissingen)
      .where(eq(kernbeslissingen.caseId, (await aCase("NOORD", "regulier")).id));
    await h.db.update(cases).set({ contactFrequencyWeeks: null }).where(eq(cases.zaaknummer, toCrt));
    expect(await submit("pb-noord", view, form("regulier_crt", "CRT", "geen_capaciteit"))).toMatchObject({
      response_action: "errors",
      errors: { kind: expect.stringContaining("kernbeslissing") },
    });
    expect(
      await submit(
        "pb-noord",
        view,
        form("regulier_crt", "CRT", "geen_capaciteit", { checks: checks(["plan"]) }),
      ),
    ).toMatchObject({
      errors: { checks: expect.stringContaining("zaaksysteem") },
    });
  });

  it("regulier → CRT with kernbeslissing and a fresh ARIJ: requested, the CRT's PB accepts and names the owner", async () => {
    const c = ctx();
    expect(
      (
        await recordArij(c, await actor("jb-noord-1"), {
          zaaknummer: toCrt,
          date: TODAY,
          risk: "middelmatig",
          reason: "kernbesluit",
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await recordKernbeslissing(c, await actor("gw-1"), {
          zaaknummer: toCrt,
          date: TODAY,
          contactFrequencyWeeks: 6,
          gw: "gw-1",
        })
      ).ok,
    ).toBe(true);
    const view = await openForm("pb-noord", `overdracht ${toCrt}`);
    expect(await submit("pb-noord", view, form("regulier_crt", "CRT", "geen_capaciteit"))).toEqual({});
    const { handoverId } = await requestDm("pb-crt", toCrt);
    h.fake.clear();
    await press("pb-crt", "overdracht.accepteren", handoverId);
    const acceptView = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    expect(await submit("pb-crt", acceptView, { owner: select("ajb-crt-1") })).toEqual({});
    expect(textOf((await h.waitFor("chat.postMessage")).body)).toContain("geaccepteerd");
    // The requester and the new owner are told.
    await deliver();
    const told = h.fake.callsTo("chat.postMessage").map((c) => c.body.channel);
    expect(told).toEqual(expect.arrayContaining([await h.slackId("pb-noord"), await h.slackId("ajb-crt-1")]));
  });

  it("after it, the next contact reminder goes to the new owner on the kernbeslissing's date", async () => {
    const [row] = await h.db.select().from(cases).where(eq(cases.zaaknummer, toCrt));
    expect(row?.phase).toBe("crt");
    // Last face-to-face contact + 6 weeks; the reminder's vooraf stage is 5 werkdagen before.
    const [contactDeadline] = await h.db
      .select({ due: deadlines.due })
      .from(deadlines)
      .where(and(eq(deadlines.caseId, row!.id), eq(deadlines.kind, "contact")));
    const due = contactDeadline!.due;
    const c = ctx();
    const voorafDay = c.calendar.addWorkdays(due, -5);
    const planned = await planReminders(h.db, testContext(h.db, voorafDay), voorafDay);
    expect(planned.find((p) => p.zaaknummer === toCrt && p.kind === "contact")).toMatchObject({
      recipient: "ajb-crt-1",
      due,
      stage: "vooraf",
    });
  });

  it("shows the handover history on the case card", async () => {
    await post(h.url, slashCommand(await h.slackId("pb-crt"), `zaak ${toCrt}`, respondTo));
    const card = textOf((await h.waitFor("response_url")).body);
    expect(card).toContain("Regio Noord → Cliënt Regie Team");
    expect(card).toContain("geaccepteerd");
  });

  it("terugstroom proposed from the werkvoorraad, rejected with a reason the requester sees", async () => {
    await post(h.url, slashCommand(await h.slackId("pb-crt"), "werkvoorraad CRT", respondTo));
    const list = textOf((await h.waitFor("response_url")).body);
    const value = list.match(/"action_id":"overdracht\.open#\d+","value":"(\{[^"]*(?:\\"[^"]*)*\})"/)?.[1];
    expect(value).toBeTruthy();
    const parsed = JSON.parse(JSON.parse(`"${value}"`)) as { z: string };
    h.fake.clear();
    await press("pb-crt", "overdracht.open", JSON.stringify({ z: parsed.z, k: "crt_regulier" }));
    const view = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    expect(textOf({ view })).toContain("terugstroom");
    expect(await submit("pb-crt", view, form("crt_regulier", "ZUID", "capaciteit"))).toEqual({});
    const { handoverId } = await requestDm("pb-zuid", parsed.z);
    h.fake.clear();
    await press("pb-zuid", "overdracht.afwijzen", handoverId);
    const rejectView = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    expect(await submit("pb-zuid", rejectView, { reason: select("geen_capaciteit") })).toEqual({});
    await deliver();
    const requester = await h.slackId("pb-crt");
    const toRequester = h.fake
      .callsTo("chat.postMessage")
      .find((c) => c.body.channel === requester && textOf(c.body).includes("afgewezen"));
    expect(textOf(toRequester!.body)).toContain("Geen capaciteit in het ontvangende team");
  });

  it("CCP → regular team after the plan phase", async () => {
    const ccpCase = await aCase("CCP", "ccp");
    const view = await openForm("pb-ccp", `overdracht ${ccpCase.zaaknummer}`);
    expect(
      await submit(
        "pb-ccp",
        view,
        form("ccp_regulier", "MIDDEN", "planfase_afgerond", { toPerson: select("jb-midden-2") }),
      ),
    ).toEqual({});
    const { handoverId } = await requestDm("pb-midden", ccpCase.zaaknummer);
    h.fake.clear();
    await press("pb-midden", "overdracht.accepteren", handoverId);
    expect(textOf((await h.waitFor("response_url")).body)).toContain("geaccepteerd");
    const [row] = await h.db.select().from(cases).where(eq(cases.id, ccpCase.id));
    expect(row).toMatchObject({ phase: "regulier", ownerId: await personId("jb-midden-2") });
  });

  it("worker → worker: two PBs pressing Accepteren at once make one handover; the other is told", async () => {
    const [zuid] = await h.db.select().from(teams).where(eq(teams.code, "ZUID"));
    const [added] = await h.db
      .insert(people)
      .values({
        code: "pb-zuid-2",
        name: "Tweede Begeleider",
        role: "praktijkbegeleider",
        teamId: zuid!.id,
        fte: 1,
      })
      .returning();
    await linkAccount(h.db, added!.id, "slack", "U0PBZUID2");
    const zuidCase = await aCase("ZUID", "regulier");
    const view = await openForm("pb-zuid", `overdracht ${zuidCase.zaaknummer}`);
    const other = zuidCase.ownerId === (await personId("jb-zuid-2")) ? "jb-zuid-3" : "jb-zuid-2";
    expect(
      await submit("pb-zuid", view, form("werker_werker", "ZUID", "ziekte", { toPerson: select(other) })),
    ).toEqual({});
    const { handoverId } = await requestDm("pb-zuid", zuidCase.zaaknummer);
    h.fake.clear();
    await Promise.all([
      press("pb-zuid", "overdracht.accepteren", handoverId),
      post(h.url, blockAction("U0PBZUID2", "overdracht.accepteren#0", handoverId, respondTo)),
    ]);
    await h.waitFor("response_url", () => h.fake.callsTo("response_url").length >= 2);
    const answers = h.fake.callsTo("response_url").map((c) => textOf(c.body));
    expect(answers.filter((a) => a.includes("is geaccepteerd"))).toHaveLength(1);
    expect(answers.filter((a) => a.includes("al afgehandeld"))).toHaveLength(1);
    const accepted = await h.db
      .select()
      .from(notifications)
      .where(like(notifications.key, `handover:${handoverId}:accepted`));
    expect(accepted).toHaveLength(1);
  });

  it("refuses a requester who is not the sending team's PB, and a second open handover", async () => {
    const zuidCase = await aCase("ZUID", "regulier");
    await post(
      h.url,
      slashCommand(await h.slackId("jb-zuid-1"), `overdracht ${zuidCase.zaaknummer}`, respondTo),
    );
    expect(textOf((await h.waitFor("response_url")).body)).toContain(
      "praktijkbegeleider van het team van de zaak",
    );
    const other = await aCase("ZUID", "regulier", [zuidCase.zaaknummer]);
    const view = await openForm("pb-zuid", `overdracht ${other.zaaknummer}`);
    const to = other.ownerId === (await personId("jb-zuid-2")) ? "jb-zuid-3" : "jb-zuid-2";
    expect(
      await submit("pb-zuid", view, form("werker_werker", "ZUID", "verlof", { toPerson: select(to) })),
    ).toEqual({});
    expect(
      await submit("pb-zuid", view, form("werker_werker", "ZUID", "verlof", { toPerson: select(to) })),
    ).toMatchObject({
      errors: { kind: expect.stringContaining("loopt al een overdracht") },
    });
  });

  it("lists a person's own deadlines with /zicht herinneringen", async () => {
    await post(h.url, slashCommand(await h.slackId("jb-noord-1"), "herinneringen", respondTo));
    const mine = textOf((await h.waitFor("response_url")).body);
    expect(mine).toContain("Jouw termijnen");
  });

  it("posted nothing to a channel and broke no Block Kit limit", () => {
    expect(h.fake.channelPosts()).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });
});

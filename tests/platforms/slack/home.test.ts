import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cases, people } from "../../../db/schema.ts";
import { createSlackSender } from "../../../src/platforms/slack/sender.ts";
import { message } from "../../../src/ui/view.ts";
import {
  date,
  eventCallback,
  interaction,
  post,
  postEvent,
  select,
  slashCommand,
  viewSubmission,
} from "../../support/slackRequests.ts";
import { type SlackHarness, startSlackHarness, textOf } from "./harness.ts";

// The App Home tab: opening it publishes the person's home; someone unknown gets a polite home
// without any case; a change the person makes redraws it.

const TODAY = "2026-11-23"; // Monday
let h: SlackHarness;
let everyCase: string[] = [];

beforeAll(async () => {
  h = await startSlackHarness(TODAY);
  everyCase = (await h.db.select({ z: cases.zaaknummer }).from(cases)).map((r) => r.z);
});
afterAll(async () => h.close());
beforeEach(() => h.fake.clear());

async function ownCases(code: string): Promise<string[]> {
  const rows = await h.db
    .select({ z: cases.zaaknummer })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(and(eq(people.code, code), ne(cases.phase, "afgesloten")));
  return rows.map((r) => r.z);
}

async function openHome(user: string) {
  const res = await postEvent(
    h.url,
    eventCallback({ type: "app_home_opened", user, channel: "D0HOME", tab: "home" }),
  );
  expect(res.status).toBe(200);
  return h.waitFor("views.publish", (c) => c.body.user_id === user);
}

/** Opens the contact form from a slash command and submits a face-to-face contact of today. */
async function contactToday(user: string, zaaknummer: string, respond: number) {
  await post(h.url, slashCommand(user, `contact ${zaaknummer}`, `${h.fake.url}/respond/${respond}`));
  const modal = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
  h.fake.clear();
  const res = await post(
    h.url,
    viewSubmission(user, modal, {
      date: date(TODAY),
      kind: select("kind_face_to_face"),
      newConcerns: select("nee"),
    }),
  );
  expect(res.status).toBe(200);
}

/** Zaaknummers of the organisation that appear in a text. */
const casesIn = (text: string) => everyCase.filter((z) => new RegExp(`(^|[^0-9])${z}([^0-9]|$)`).test(text));

describe("the App Home tab", () => {
  it("shows a linked person their own zaaknummers and no one else's, each opening its case card", async () => {
    const user = await h.slackId("jb-noord-1");
    const published = await openHome(user);
    const view = published.body.view as { type: string; blocks: Record<string, unknown>[] };
    expect(view.type).toBe("home");
    const text = textOf(published.body);
    const own = await ownCases("jb-noord-1");
    expect(own.length).toBeGreaterThan(0);
    expect(text).toContain("Mijn termijnen deze week");
    expect(text).toContain("Mijn zaken");
    for (const z of own.slice(0, 25)) expect(text).toContain(z);
    expect(casesIn(text).filter((z) => !own.includes(z))).toEqual([]);
    // Every line with a zaaknummer has the button that opens that case.
    for (const block of view.blocks.filter((b) => b.type === "section")) {
      const line = JSON.stringify(block.text ?? "");
      const named = casesIn(line);
      if (named.length !== 1) continue;
      const accessory = block.accessory as { action_id?: string; value?: string } | undefined;
      expect(accessory?.action_id, line).toMatch(/^zaak\.open#/);
      expect(accessory?.value).toBe(named[0]);
    }
    expect(h.fake.violations).toEqual([]);
  });

  it("gives a PB the team's werkvoorraad with the overdue count", async () => {
    const published = await openHome(await h.slackId("pb-crt"));
    const text = textOf(published.body);
    expect(text).toContain("Werkvoorraad Cliënt Regie Team");
    expect(text).toMatch(/Met een termijn te laat\*\n\d+ za(ak|ken)/);
    expect(text).toContain("Werkvoorraad bekijken");
  });

  it("gives someone Zicht does not know a polite home with no case data", async () => {
    const published = await openHome("U0ONBEKEND");
    const text = textOf(published.body);
    expect(text).toContain("nog niet bekend in Zicht");
    expect(casesIn(text)).toEqual([]);
    expect(text).not.toContain("Mijn zaken");
  });

  it("opens the case card over the home when a zaaknummer is pressed there", async () => {
    const user = await h.slackId("jb-noord-1");
    const [z] = await ownCases("jb-noord-1");
    const res = await post(
      h.url,
      interaction({
        type: "block_actions",
        team: { id: "T0DEMO" },
        user: { id: user, team_id: "T0DEMO" },
        api_app_id: "A0ZICHT",
        trigger_id: "trigger-home-1",
        container: { type: "view", view_id: "VHOME" },
        view: { id: "VHOME", type: "home", blocks: [] },
        actions: [
          {
            type: "button",
            action_id: "zaak.open#2000",
            value: z,
            block_id: "b",
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const opened = await h.waitFor("views.open");
    expect(textOf(opened.body)).toContain(`Zaak ${z}`);
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("is published again after the person records something, after the answer", async () => {
    const user = await h.slackId("jb-noord-1");
    const [z] = await ownCases("jb-noord-1");
    await openHome(user);
    await contactToday(user, z ?? "", 1);
    const published = await h.waitFor("views.publish", (c) => c.body.user_id === user);
    const answer = h.fake.callsTo("chat.postMessage")[0];
    expect(answer && textOf(answer.body)).toContain("Contact geregistreerd");
    expect(answer!.at).toBeLessThanOrEqual(published.at);
    expect(textOf(published.body)).toContain(z);
  });

  it("folds changes made close together into one publish that shows the last of them", async () => {
    const user = await h.slackId("jb-noord-1");
    const [z] = await ownCases("jb-noord-1");
    await openHome(user);
    await post(h.url, slashCommand(user, `contact ${z}`, `${h.fake.url}/respond/3`));
    const modal = (await h.waitFor("views.open")).body.view as Record<string, unknown>;
    h.fake.clear();
    // Three contacts recorded one after another, each answered at once.
    for (const day of ["2026-11-19", "2026-11-20", TODAY]) {
      const res = await post(
        h.url,
        viewSubmission(user, modal, {
          date: date(day),
          kind: select("kind_face_to_face"),
          newConcerns: select("nee"),
        }),
      );
      expect(res.status).toBe(200);
    }
    await expect.poll(() => h.fake.callsTo("chat.postMessage").length).toBe(3);
    const published = await h.waitFor("views.publish", (c) => c.body.user_id === user);
    // Give a second publish the time it would need, then count.
    await new Promise((r) => setTimeout(r, 2500));
    expect(h.fake.callsTo("views.publish").filter((c) => c.body.user_id === user)).toHaveLength(1);
    // Built after the last change was answered, so it holds all three.
    expect(published.at).toBeGreaterThanOrEqual(h.fake.callsTo("chat.postMessage")[2]?.at ?? Infinity);
    expect(textOf(published.body)).toContain(z);
  });

  it("a long list's picker answers with the chosen case's card", async () => {
    const user = await h.slackId("pb-crt");
    const [z] = everyCase;
    const res = await post(
      h.url,
      interaction({
        type: "block_actions",
        team: { id: "T0DEMO" },
        user: { id: user, team_id: "T0DEMO" },
        api_app_id: "A0ZICHT",
        trigger_id: "trigger-picker-1",
        response_url: `${h.fake.url}/respond/2`,
        container: { type: "message", channel_id: "C0CRT" },
        channel: { id: "C0CRT" },
        actions: [
          {
            type: "static_select",
            action_id: "zaak.open#5000",
            block_id: "b",
            selected_option: { text: { type: "plain_text", text: z }, value: z },
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const answered = await h.waitFor("response_url");
    expect(answered.body.response_type).toBe("ephemeral");
    expect(textOf(answered.body)).toContain(`Zaak ${z}`);
  });

  it("is not built for someone who has not opened their home lately", async () => {
    const user = await h.slackId("jb-zuid-1");
    const [z] = await ownCases("jb-zuid-1");
    await contactToday(user, z ?? "", 4);
    await h.waitFor("chat.postMessage", (c) => textOf(c.body).includes("Contact geregistreerd"));
    // Past the moment a publish would have gone out.
    await new Promise((r) => setTimeout(r, 2500));
    expect(h.fake.callsTo("views.publish")).toEqual([]);
    // Opening the home tab shows the contact all the same.
    expect(textOf((await openHome(user)).body)).toContain(z);
  });

  it("is published again after the outbox delivered the person something, not after a channel post", async () => {
    const user = await h.slackId("jb-noord-1");
    await openHome(user);
    h.fake.clear();
    const sender = createSlackSender("xoxb-test", {
      apiUrl: `${h.fake.url}/api/`,
      delivered: h.platform.refreshHome,
    });
    const note = message("Overdracht", [{ type: "text", text: "Een overdracht wacht op je." }]);
    await sender.send({ channel: "C0DEMOCRT", userId: null }, note, { key: "test:kanaal" });
    await sender.send({ channel: null, userId: user }, note, { key: "test:dm" });
    const published = await h.waitFor("views.publish", (c) => c.body.user_id === user);
    expect(textOf(published.body)).toContain("Mijn zaken");
    expect(h.fake.callsTo("views.publish")).toHaveLength(1);
  });
});

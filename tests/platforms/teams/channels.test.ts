import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { cases, linkedAccounts, people, teams as teamsTable } from "../../../db/schema.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runDigest } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { testContext } from "../../support/db.ts";
import { CRT_CHANNEL, GROUP_CHAT, type Place, startTeamsHarness, type TeamsHarness } from "./harness.ts";

// domain.md §3: in a channel or group chat Zicht never shows case details to the conversation. Where
// the connector refuses Teams' targeted messages (a tenant without the preview; targeted.test.ts has
// them), the person gets the answer in their 1:1 chat with Zicht; the conversation reads one short line.

const TODAY = "2026-11-23";
const NOTE = "Het antwoord staat in je chat met Zicht.";
let h: TeamsHarness;
let zaaknummer: string;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  h.connector.refuseTargeted = true;
  const [crt] = await h.db.select().from(teamsTable).where(eq(teamsTable.code, "CRT"));
  const [row] = await h.db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, crt!.id), eq(cases.phase, "crt")));
  zaaknummer = row!.zaaknummer;
});
afterAll(async () => h.close());

const placeId = (place: Place) => (place.kind === "personal" ? "" : place.id);

/** What the conversation itself got since the last clear: every activity, as JSON. */
const postedIn = (place: Place) => h.connector.sentTo(placeId(place));

/** Every command, typed as someone would with a case at hand. */
const typed = () =>
  COMMANDS.map((c) =>
    ["zaak", "contact", "arij", "kernbeslissing", "overdracht"].includes(c.name)
      ? `<at>Zicht</at> ${c.name} ${zaaknummer}`
      : `<at>Zicht</at> ${c.name}`,
  );

describe.each([
  ["a team channel", CRT_CHANNEL],
  ["a group chat", GROUP_CHAT],
])("Zicht mentioned in %s", (_label, place) => {
  it("answers every command in the person's 1:1 chat and says only that in the conversation", async () => {
    expect(typed().length).toBe(COMMANDS.length);
    for (const text of typed()) {
      h.connector.clear();
      expect(await h.say("pb-crt", text, undefined, place)).toBe(200);
      const inConversation = postedIn(place);
      expect(inConversation, text).toHaveLength(1);
      const posted = JSON.parse(inConversation[0]!) as { text?: string; attachments?: unknown[] };
      expect(posted.text, text).toBe(NOTE);
      expect(posted.attachments ?? [], text).toEqual([]);
      expect(inConversation[0], text).not.toContain(zaaknummer);
      expect(h.connector.cardsTo(h.conversation("pb-crt")), text).toHaveLength(1);
    }
  });
});

describe("the weekly digest's buttons in the CRT channel", () => {
  it("answer the presser privately, and the channel's card stays as it is for everyone", async () => {
    const ctx = testContext(h.db, TODAY);
    await runDigest(ctx, TODAY, { platforms: ["teams"], digestToCcp: false });
    h.connector.clear();
    await new Dispatcher(h.db, {
      senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
      pacePerTargetMs: 0,
    }).drain();
    const [digest] = h.connector.cardsTo(placeId(CRT_CHANNEL));
    expect(digest).toContain("Weekoverzicht");
    const buttons = (
      JSON.parse(digest!) as { body: { actions?: { data: Record<string, unknown> }[] }[] }
    ).body.flatMap((b) => b.actions ?? []);
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      h.connector.clear();
      const pressed = await h.execute("pb-crt", button.data, CRT_CHANNEL);
      expect(pressed.status).toBe(200);
      // A card in the invoke answer would replace the digest for the whole channel.
      expect(pressed.body).toEqual({
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: NOTE,
      });
      expect(postedIn(CRT_CHANNEL)).toEqual([]);
      expect(h.connector.cardsTo(h.conversation("pb-crt"))).toHaveLength(1);
    }
  });
});

describe("a person who never opened a chat with Zicht", () => {
  it("gets the answer in a 1:1 chat Zicht opens for them (bot, Entra object id, tenant)", async () => {
    const [jb] = await h.db.select().from(people).where(eq(people.code, "jb-crt-2"));
    await h.db
      .update(linkedAccounts)
      .set({ conversation: null })
      .where(and(eq(linkedAccounts.personId, jb!.id), eq(linkedAccounts.platform, "teams")));
    h.connector.clear();
    await h.say("jb-crt-2", "<at>Zicht</at> werkvoorraad", undefined, CRT_CHANNEL);
    expect(h.connector.created).toHaveLength(1);
    expect(h.connector.created[0]).toMatchObject({
      members: [{ id: await accountIdOf(h.db, "teams", "jb-crt-2") }],
      channelData: { tenant: { id: "demo-tenant" } },
    });
    expect(await h.cardTo("jb-crt-2", "Werkvoorraad")).toBeTruthy();
    expect(postedIn(CRT_CHANNEL).map((a) => JSON.parse(a).text)).toEqual([NOTE]);
    // Stored: the next answer needs no new conversation.
    h.connector.clear();
    await h.say("jb-crt-2", "help", undefined, GROUP_CHAT);
    expect(h.connector.created).toHaveLength(0);
  });
});

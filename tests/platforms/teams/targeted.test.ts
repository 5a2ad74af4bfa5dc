import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { cases, teams as teamsTable } from "../../../db/schema.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runDigest } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { testContext } from "../../support/db.ts";
import { CRT_CHANNEL, GROUP_CHAT, type Place, startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Where Teams takes targeted messages (channels and group chats, developer preview), the answer
// stays in the conversation but only the person who asked sees it: nothing is shown to the others,
// and nothing lands in the 1:1 chat. The fallback (the connector refuses) is in channels.test.ts.

const TODAY = "2026-11-23";
const HERE = "Het antwoord staat hieronder; alleen jij ziet het.";
let h: TeamsHarness;
let zaaknummer: string;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  const [crt] = await h.db.select().from(teamsTable).where(eq(teamsTable.code, "CRT"));
  const [row] = await h.db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, crt!.id), eq(cases.phase, "crt")));
  zaaknummer = row!.zaaknummer;
});
afterAll(async () => h.close());

const placeId = (place: Place) => (place.kind === "personal" ? "" : place.id);
const member = (code: string) => `29:${code}`;

describe.each([
  ["a team channel", CRT_CHANNEL],
  ["a group chat", GROUP_CHAT],
])("Zicht mentioned in %s", (_label, place) => {
  it("answers every command with a card only the asker sees, and the others see nothing", async () => {
    for (const c of COMMANDS) {
      const text = ["zaak", "contact", "arij", "kernbeslissing", "overdracht"].includes(c.name)
        ? `<at>Zicht</at> ${c.name} ${zaaknummer}`
        : `<at>Zicht</at> ${c.name}`;
      h.connector.clear();
      expect(await h.say("pb-crt", text, undefined, place)).toBe(200);
      expect(h.connector.sentTo(placeId(place)), text).toEqual([]);
      const mine = h.connector.targetedCardsTo(placeId(place), member("pb-crt"));
      expect(mine, text).toHaveLength(1);
      expect(cardProblems(JSON.parse(mine[0]!)), text).toEqual([]);
      expect(h.connector.cardsTo(h.conversation("pb-crt")), text).toEqual([]);
      expect(h.connector.created, text).toEqual([]);
    }
  });

  it("shows a case card to the asker only", async () => {
    h.connector.clear();
    await h.say("pb-crt", `<at>Zicht</at> zaak ${zaaknummer}`, undefined, place);
    const [card] = h.connector.targetedCardsTo(placeId(place), member("pb-crt"));
    expect(card).toContain(zaaknummer);
    expect(card).toContain("ARIJ");
    for (const other of ["jb-crt-1", "jb-crt-2"])
      expect(h.connector.targetedCardsTo(placeId(place), member(other))).toEqual([]);
  });
});

describe("the weekly digest's buttons in the CRT channel", () => {
  it("answer the presser below the digest, seen by them only; the digest stays as it is", async () => {
    await runDigest(testContext(h.db, TODAY), TODAY, { platforms: ["teams"], digestToCcp: false });
    h.connector.clear();
    await new Dispatcher(h.db, {
      senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
      pacePerTargetMs: 0,
    }).drain();
    const [digest] = h.connector.cardsTo(placeId(CRT_CHANNEL));
    const buttons = (
      JSON.parse(digest!) as { body: { actions?: { data: Record<string, unknown> }[] }[] }
    ).body.flatMap((b) => b.actions ?? []);
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      h.connector.clear();
      const pressed = await h.execute("pb-crt", button.data, CRT_CHANNEL);
      expect(pressed.body).toEqual({
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: HERE,
      });
      expect(h.connector.sentTo(placeId(CRT_CHANNEL))).toEqual([]);
      expect(h.connector.targetedCardsTo(placeId(CRT_CHANNEL), member("pb-crt"))).toHaveLength(1);
      expect(h.connector.cardsTo(h.conversation("pb-crt"))).toEqual([]);
    }
  });
});

describe("a connector that refuses targeted messages", () => {
  it("gets the answer in the 1:1 chat instead, and is not asked again for every answer", async () => {
    h.connector.refuseTargeted = true;
    for (const text of ["<at>Zicht</at> werkvoorraad", "<at>Zicht</at> help"]) {
      h.connector.clear();
      await h.say("pb-crt", text, undefined, GROUP_CHAT);
      expect(h.connector.sentTo(placeId(GROUP_CHAT)).map((a) => JSON.parse(a).text)).toEqual([
        "Het antwoord staat in je chat met Zicht.",
      ]);
      expect(h.connector.cardsTo(h.conversation("pb-crt"))).toHaveLength(1);
    }
    // The first answer tried a targeted message (refused); the second went straight to the chat.
    expect(h.connector.refusedTargeted).toBe(1);
  });
});

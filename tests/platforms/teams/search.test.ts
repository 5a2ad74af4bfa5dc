import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, teams } from "../../../db/schema.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// The search extension finds a case by zaaknummer. What someone inserts into a conversation shows
// only what a channel may show; its button answers whoever presses it in their own chat with Zicht.

const TODAY = "2026-11-23";
const NOTE = "Het antwoord staat in je chat met Zicht.";
let h: TeamsHarness;
let zaaknummer: string;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  const [crt] = await h.db.select().from(teams).where(eq(teams.code, "CRT"));
  const [row] = await h.db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, crt!.id), eq(cases.phase, "crt")));
  zaaknummer = row!.zaaknummer;
});
afterAll(async () => h.close());

type Result = {
  composeExtension: {
    type: string;
    text?: string;
    attachments?: {
      content: { body: { actions?: { data: Record<string, unknown> }[] }[] };
      preview: unknown;
    }[];
  };
};

describe("searching a case from the compose box", () => {
  it("finds it by zaaknummer, with only zaaknummer, measure and team", async () => {
    const result = (await h.search("pb-crt", zaaknummer)) as Result;
    expect(result.composeExtension.type).toBe("result");
    const [found] = result.composeExtension.attachments ?? [];
    const card = JSON.stringify(found?.content);
    expect(card).toContain(`Zaak ${zaaknummer}`);
    expect(card).toContain("Cliënt Regie Team");
    expect(cardProblems(found?.content)).toEqual([]);
    for (const detail of ["ARIJ", "Eigenaar", "onveilig", "Contact"]) expect(card).not.toContain(detail);
    expect(JSON.stringify(found?.preview)).toContain(zaaknummer);
  });

  it("says in Dutch when there is no such case", async () => {
    const result = (await h.search("pb-crt", "2099-9999")) as Result;
    expect(result.composeExtension.type).toBe("message");
    expect(result.composeExtension.text).toMatch(/2099-9999|niet gevonden|bestaat niet/i);
    expect(((await h.search("pb-crt", "")) as Result).composeExtension.text).toContain("Typ een zaaknummer");
  });

  it("answers the inserted card's button privately, even in a chat between two people", async () => {
    const result = (await h.search("pb-crt", zaaknummer)) as Result;
    const button = result.composeExtension.attachments?.[0]?.content.body.flatMap((b) => b.actions ?? [])[0];
    expect(button?.data.id).toBe("zaak.open");
    const chatBetweenPeople = { kind: "groupChat", id: "19:twee-mensen@unq.gbl.spaces" } as const;
    h.connector.clear();
    const inOwnChat = await h.execute("jb-crt-1", button!.data, { kind: "personal" });
    expect(inOwnChat.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: NOTE });
    expect(await h.cardTo("jb-crt-1", `Zaak ${zaaknummer}`)).toContain("Fase");
    // Between people the answer is a targeted message in that chat: only the presser sees it.
    h.connector.clear();
    const between = await h.execute("jb-crt-1", button!.data, chatBetweenPeople);
    expect(between.body).toMatchObject({ value: "Het antwoord staat hieronder; alleen jij ziet het." });
    expect(h.connector.sentTo(chatBetweenPeople.id)).toEqual([]);
    const [mine] = h.connector.targetedCardsTo(chatBetweenPeople.id, "29:jb-crt-1");
    expect(mine).toContain("Fase");
  });
});

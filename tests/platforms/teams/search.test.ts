import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, teams } from "../../../db/schema.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { type Place, startTeamsHarness, type TeamsHarness } from "./harness.ts";

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
    const chatBetweenPeople: Place = { kind: "groupChat", id: "19:twee-mensen@unq.gbl.spaces" };
    for (const place of [{ kind: "personal" } as Place, chatBetweenPeople]) {
      h.connector.clear();
      const pressed = await h.execute("jb-crt-1", button!.data, place);
      expect(pressed.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: NOTE });
      expect(await h.cardTo("jb-crt-1", `Zaak ${zaaknummer}`)).toContain("Fase");
    }
  });
});

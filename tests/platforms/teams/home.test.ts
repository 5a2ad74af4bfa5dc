import { and, eq, isNull, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, people } from "../../../db/schema.ts";
import { messageCard } from "../../../src/platforms/teams/cards.ts";
import { caseLine } from "../../../src/ui/caseViews.ts";
import { message } from "../../../src/ui/view.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// The home in Teams: the welcome card and the answer to `mijn`, kept current with a per-user
// Adaptive Card refresh that Zicht answers with the card as it is now.

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
});
afterAll(async () => h.close());

interface Refresh {
  action: { type: string; data: Record<string, unknown> };
  userIds: string[];
}
type Card = { refresh?: Refresh } & Record<string, unknown>;

async function ownCases(code: string): Promise<string[]> {
  const rows = await h.db
    .select({ z: cases.zaaknummer })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(and(eq(people.code, code), ne(cases.phase, "afgesloten")));
  return rows.map((r) => r.z);
}

describe("the home in Teams", () => {
  it("is the welcome card: valid, with the person's cases and a refresh for them only", async () => {
    h.connector.clear();
    await h.install("jb-noord-1");
    const json = await h.cardTo("jb-noord-1", "Mijn overzicht");
    expect(json).toContain("Welkom bij Zicht");
    for (const z of (await ownCases("jb-noord-1")).slice(0, 25)) expect(json).toContain(z);
    const card = JSON.parse(json) as Card;
    expect(cardProblems(card)).toEqual([]);
    expect(card.refresh?.userIds).toEqual(["29:jb-noord-1"]);
    expect(card.refresh?.action.type).toBe("Action.Execute");
  });

  it("answers `mijn` with the home, valid and refreshing for the person", async () => {
    h.connector.clear();
    await h.say("pb-crt", "mijn");
    const json = await h.cardTo("pb-crt", "Mijn overzicht");
    expect(json).toContain("Werkvoorraad Cliënt Regie Team");
    expect(json).toContain("Met een termijn te laat");
    const card = JSON.parse(json) as Card;
    expect(cardProblems(card)).toEqual([]);
    expect(card.refresh?.userIds).toEqual(["29:pb-crt"]);
  });

  it("answers the refresh with the card as it is now", async () => {
    h.connector.clear();
    await h.say("jb-noord-1", "mijn");
    const card = JSON.parse(await h.cardTo("jb-noord-1", "Mijn overzicht")) as Card;
    // A case becomes hers after the card was sent.
    const [pool] = await h.db
      .select({ id: cases.id, z: cases.zaaknummer })
      .from(cases)
      .where(and(isNull(cases.ownerId), eq(cases.phase, "crt")))
      .limit(1);
    const [me] = await h.db.select({ id: people.id }).from(people).where(eq(people.code, "jb-noord-1"));
    expect(JSON.stringify(card)).not.toContain(pool!.z);
    await h.db.update(cases).set({ ownerId: me!.id }).where(eq(cases.id, pool!.id));
    const answer = await h.execute("jb-noord-1", card.refresh!.action.data);
    expect(answer.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const fresh = answer.body.value as Card;
    expect(JSON.stringify(fresh)).toContain(pool!.z);
    expect(fresh.refresh?.userIds).toEqual(["29:jb-noord-1"]);
    expect(cardProblems(fresh)).toEqual([]);
  });

  it("the welcome's refresh keeps the welcome on top", async () => {
    h.connector.clear();
    await h.install("jb-noord-2");
    const card = JSON.parse(await h.cardTo("jb-noord-2", "Mijn overzicht")) as Card;
    const answer = await h.execute("jb-noord-2", card.refresh!.action.data);
    expect(JSON.stringify(answer.body.value)).toContain("Welkom bij Zicht");
  });

  it("someone not linked gets the welcome without a home or a refresh", async () => {
    h.connector.clear();
    await h.install("nog-niet-gekoppeld");
    const card = JSON.parse(await h.cardTo("nog-niet-gekoppeld", "Welkom bij Zicht")) as Card;
    expect(card.refresh).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain("Mijn overzicht");
  });

  it("a list too long for a button per line offers a picker whose choice opens that case", async () => {
    const all = (await h.db.select({ z: cases.zaaknummer }).from(cases).limit(120)).map((r) => r.z);
    const long = message("lang", [
      { type: "list", items: all.map((z) => caseLine(z, `${z} · een regel met wat uitleg erbij`)) },
    ]);
    const card = messageCard(long) as unknown as { body: Record<string, unknown>[] };
    expect(cardProblems(card)).toEqual([]);
    const picker = card.body.find((e) => e.type === "Input.ChoiceSet") as { id: string; choices: unknown[] };
    expect(picker.choices).toHaveLength(all.length);
    const button = (
      card.body.find((e) => e.type === "ActionSet") as { actions: { data: Record<string, unknown> }[] }
    ).actions[0]!;
    const chosen = all[77]!;
    // Teams sends the card's inputs with the button's data.
    const answer = await h.execute("ccp-1", { ...button.data, [picker.id]: chosen });
    expect(JSON.stringify(answer.body.value)).toContain(`Zaak ${chosen}`);
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, people, teams } from "../../../db/schema.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Choosing a worker among hundreds: the overdracht form's list holds the first 100, and Teams
// searches the rest as the person types (Input.ChoiceSet with Data.Query → application/search).

const TODAY = "2026-11-23";
let h: TeamsHarness;
let zaaknummer: string;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  const [noord] = await h.db.select().from(teams).where(eq(teams.code, "NOORD"));
  const [row] = await h.db
    .select()
    .from(cases)
    .where(and(eq(cases.teamId, noord!.id), eq(cases.phase, "regulier")));
  zaaknummer = row!.zaaknummer;
  await h.db.insert(people).values(
    Array.from({ length: 150 }, (_, k) => ({
      code: `jb-zuid-extra-${k}`,
      name: `Zuidema ${String(k + 1).padStart(3, "0")}`,
      role: "jeugdbeschermer" as const,
      teamId: noord!.id,
      fte: 1,
    })),
  );
});
afterAll(async () => h.close());

async function search(code: string, dataset: string, queryText: string) {
  const aad = await accountIdOf(h.db, "teams", code);
  const res = await fetch(`${h.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "invoke",
      name: "application/search",
      id: "s-1",
      serviceUrl: h.connector.url,
      channelId: "msteams",
      from: { id: `29:${code}`, aadObjectId: aad ?? code },
      recipient: { id: "28:zicht" },
      conversation: { id: h.conversation(code), conversationType: "personal" },
      value: { dataset, queryText, queryOptions: { skip: 0, top: 15 } },
    }),
  });
  return (await res.json()) as { type: string; value: { results: { title: string; value: string }[] } };
}

describe("the people picker on the overdracht form", () => {
  it("searches every worker as the person types, beyond the first 100", async () => {
    h.connector.clear();
    const card = JSON.parse(await h.openForm("pb-noord", `overdracht ${zaaknummer}`)) as {
      body: Record<string, unknown>[];
    };
    const picker = card.body.find((e) => e.id === "toPerson");
    expect(picker?.["choices.data"]).toEqual({ type: "Data.Query", dataset: "caseCarriers" });
    expect(cardProblems(card)).toEqual([]);
    const listed = ((picker?.choices ?? []) as { value: string }[]).map((c) => c.value);
    expect(listed).not.toContain("jb-zuid-extra-149");

    const found = await search("pb-noord", "caseCarriers", "Zuidema 150");
    expect(found.type).toBe("application/vnd.microsoft.search.searchResponse");
    expect(found.value.results).toEqual([{ title: "Zuidema 150 (NOORD)", value: "jb-zuid-extra-149" }]);
    expect((await search("pb-noord", "caseCarriers", "zuidema")).value.results).toHaveLength(15);
  });

  it("answers someone unknown, or an unknown list, with nothing", async () => {
    expect((await search("onbekend", "caseCarriers", "Zuidema")).value.results).toEqual([]);
    expect((await search("pb-noord", "kinderen", "a")).value.results).toEqual([]);
  });
});

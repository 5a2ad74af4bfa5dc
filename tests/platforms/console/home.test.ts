import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, people } from "../../../db/schema.ts";
import { loadConfig } from "../../../src/config.ts";
import { type RunningZicht, startZicht } from "../../../src/zicht.ts";
import { cardProblems } from "../../support/adaptiveCards.ts";

// The console plays Teams: each person's chat starts with the welcome card holding their home, and
// the page asks for its current version (Teams' refresh) through the console's execute route.

const dir = mkdtempSync(join(tmpdir(), "zicht-console-home-"));
let zicht: RunningZicht;

beforeAll(async () => {
  zicht = await startZicht(loadConfig({ ZICHT_DATA_DIR: join(dir, "data"), PORT: "0", LOG_LEVEL: "silent" }));
}, 120_000);

afterAll(async () => {
  await zicht?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface ConsoleMessage {
  conversation: string;
  card?: { refresh?: { action: { data: Record<string, unknown> }; userIds: string[] } };
}

const get = async <T>(path: string) => (await (await fetch(`${zicht.url}${path.slice(1)}`)).json()) as T;

describe("the console's person pane", () => {
  it("starts with the person's home, and the refresh route answers it as it is now", async () => {
    const db = zicht.app.database.db;
    const own = (
      await db
        .select({ z: cases.zaaknummer })
        .from(cases)
        .innerJoin(people, eq(people.id, cases.ownerId))
        .where(and(eq(people.code, "jb-noord-1"), ne(cases.phase, "afgesloten")))
    ).map((r) => r.z);
    expect(own.length).toBeGreaterThan(0);
    const everyone = await get<{ code: string; conversation: string }[]>("/console/api/people");
    const me = everyone.find((p) => p.code === "jb-noord-1");
    const messages = await get<ConsoleMessage[]>("/console/api/messages?after=0");
    const home = messages.find(
      (m) => m.conversation === me?.conversation && JSON.stringify(m.card ?? "").includes("Mijn overzicht"),
    );
    expect(home?.card?.refresh?.userIds).toEqual(["29:jb-noord-1"]);
    for (const z of own.slice(0, 25)) expect(JSON.stringify(home?.card)).toContain(z);

    const res = await fetch(`${zicht.url}console/api/execute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ person: "jb-noord-1", data: home?.card?.refresh?.action.data, refresh: true }),
    });
    const { card } = (await res.json()) as { card: unknown };
    expect(cardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain("Welkom bij Zicht");
    expect(json).toContain("Mijn overzicht");
    for (const z of own.slice(0, 25)) expect(json).toContain(z);
  });
});

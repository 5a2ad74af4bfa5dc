import { readFileSync } from "node:fs";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { cases, people, teams } from "../../db/schema.ts";
import { listDue } from "../../src/cases/dueList.ts";
import { seedDemo } from "../../src/demoSeed.ts";
import { calendarFor } from "../../src/domain/calendar.ts";
import { DEFAULT_POLICY } from "../../src/domain/policy.ts";
import { testDatabase } from "../support/db.ts";

const TODAY = "2026-11-23"; // Monday
const rules = { policy: DEFAULT_POLICY, calendar: calendarFor(DEFAULT_POLICY) };
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
});
afterAll(async () => close());

describe("demo organisation", () => {
  it("seeds a made-up GI: 5 teams, about 25 staff, about 400 cases over every phase", async () => {
    expect(await seedDemo(db, rules, TODAY)).toEqual({ teams: 5, people: 28, cases: 400 });
    const kinds = (await db.select({ kind: teams.kind }).from(teams)).map((t) => t.kind).sort();
    expect(kinds).toEqual(["ccp", "crt", "regulier", "regulier", "regulier"]);
    const phases = await db.select({ phase: cases.phase, n: count() }).from(cases).groupBy(cases.phase);
    expect(phases.map((p) => p.phase).sort()).toEqual(["aangemeld", "afgesloten", "ccp", "crt", "regulier"]);
    const measures = await db.selectDistinct({ m: cases.measure }).from(cases);
    expect(measures).toHaveLength(5);
  });

  it("has overdue deadlines, deadlines this week, directe kind-onveiligheid and unowned CRT cases", async () => {
    const due = await listDue(db, "2026-11-27");
    expect(due.filter((d) => d.overdue).length).toBeGreaterThan(10);
    expect(due.filter((d) => d.due >= TODAY && d.due <= "2026-11-27").length).toBeGreaterThan(3);
    const [unsafe] = await db.select({ n: count() }).from(cases).where(eq(cases.directUnsafe, true));
    expect(unsafe?.n).toBeGreaterThanOrEqual(5);
    const [crtTeam] = await db.select().from(teams).where(eq(teams.kind, "crt"));
    const [pool] = await db
      .select({ n: count() })
      .from(cases)
      .where(and(eq(cases.teamId, crtTeam!.id), isNull(cases.ownerId)));
    expect(pool?.n).toBeGreaterThan(0);
  });

  it("refuses a database with data and changes nothing", async () => {
    await expect(seedDemo(db, rules, TODAY)).rejects.toThrow("empty database");
    const [n] = await db.select({ n: count() }).from(cases);
    expect(n?.n).toBe(400);
  });

  it("uses no name from the source documents", async () => {
    // The name-like word runs of the seed documents, copied into the repository (issue 11 item 12).
    const seeds = readFileSync(new URL("../fixtures/seedNameSequences.txt", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(seeds.length).toBeGreaterThan(100);
    const names = (await db.select({ name: people.name }).from(people)).map((p) => p.name);
    expect(names.filter((n) => seeds.some((s) => s.includes(n)))).toEqual([]);
  });

  it("is the same organisation for the same day", async () => {
    const again = await testDatabase();
    try {
      await seedDemo(again.db, rules, TODAY);
      const a = await db
        .select({ z: cases.zaaknummer, p: cases.phase, c: cases.priorityClass })
        .from(cases)
        .orderBy(cases.zaaknummer);
      const b = await again.db
        .select({ z: cases.zaaknummer, p: cases.phase, c: cases.priorityClass })
        .from(cases)
        .orderBy(cases.zaaknummer);
      expect(b).toEqual(a);
    } finally {
      await again.close();
    }
  });
});

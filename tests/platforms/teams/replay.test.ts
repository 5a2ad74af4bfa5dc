import { eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cases, contacts, people } from "../../../db/schema.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Issue 15 item 4 on Teams: the Bot Connector retries an activity it got no answer to in time, and
// a captured activity can be replayed. Each carries the same activity id, and must run once.

const TODAY = "2026-11-23";
let h: TeamsHarness;
let owner = "";
let zaaknummer = "";

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  const [mine] = await h.db
    .select({ zaaknummer: cases.zaaknummer, code: people.code })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(ne(cases.phase, "afgesloten"))
    .limit(1);
  if (!mine) throw new Error("the demo has no owned case");
  owner = mine.code;
  zaaknummer = mine.zaaknummer;
});
afterAll(async () => h.close());

const contactCount = async () => {
  const [row] = await h.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .innerJoin(cases, eq(cases.id, contacts.caseId))
    .where(eq(cases.zaaknummer, zaaknummer));
  return row?.n ?? 0;
};

it("a contact form submitted from a card, delivered three times with one activity id, is recorded once", async () => {
  await h.say(owner, `contact ${zaaknummer}`);
  const form = JSON.parse(await h.cardTo(owner, "Contact registreren")) as {
    actions?: { data: Record<string, unknown> }[];
  };
  const data = { ...form.actions?.[0]?.data, date: TODAY, kind: "kind_face_to_face", newConcerns: "nee" };
  const before = await contactCount();
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await h.execute(owner, data, undefined, "replayed-submit-1"));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  expect(await contactCount()).toBe(before + 1);
  // The first delivery answered with the outcome; a repeat says it was handled, not an error.
  expect(JSON.stringify(answers[0]?.body)).toContain("Contact geregistreerd");
  expect(JSON.stringify(answers[2]?.body)).toContain("één keer vastgelegd");
  // A new submission (a new activity id) is a new action and is recorded.
  await h.execute(owner, data);
  expect(await contactCount()).toBe(before + 2);
});

it("a typed command delivered twice with one activity id is answered once", async () => {
  h.connector.clear();
  expect(await h.say(owner, "help", undefined, undefined, "replayed-message-1")).toBe(200);
  expect(await h.say(owner, "help", undefined, undefined, "replayed-message-1")).toBe(200);
  await h.cardTo(owner, "Dit kun je Zicht vragen");
  await new Promise((r) => setTimeout(r, 300));
  expect(h.connector.cardsTo(h.conversation(owner))).toHaveLength(1);
});

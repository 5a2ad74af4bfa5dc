import { eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cases, people } from "../../../db/schema.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Teams shows the person an error when an invoke (a card's Action.Execute) is not answered within
// a few seconds, although the work goes on. While another transaction holds the case (on the
// embedded database: the whole database), a form submitted from a card is answered at once with a
// "still saving" card, and the outcome follows as a message when the case is free.

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
});
afterAll(async () => h.close());

/** The submit data of a form card, with the answers a person gives. */
function submitData(cardJson: string, answers: Record<string, string>): Record<string, unknown> {
  const card = JSON.parse(cardJson) as { actions?: { data: Record<string, unknown> }[] };
  const data = card.actions?.[0]?.data;
  if (!data) throw new Error("not a form card");
  return { ...data, ...answers };
}

it("answers a card submission within the invoke limit while the case is held, then sends the outcome", async () => {
  const [mine] = await h.db
    .select({ zaaknummer: cases.zaaknummer, code: people.code })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(ne(cases.phase, "afgesloten"))
    .limit(1);
  if (!mine) throw new Error("the demo has no owned case");
  await h.say(mine.code, `contact ${mine.zaaknummer}`);
  const form = await h.cardTo(mine.code, "Contact registreren");
  h.connector.clear();

  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let held = () => {};
  const isHeld = new Promise<void>((r) => {
    held = r;
  });
  let free = false;
  const holding = h.db
    .transaction(async (tx) => {
      await tx.execute(sql`select 1 from ${cases} where ${cases.zaaknummer} = ${mine.zaaknummer} for update`);
      held();
      await released;
    })
    .then(() => {
      free = true;
    });
  await isHeld;

  const answer = await h.execute(
    mine.code,
    submitData(form, { date: TODAY, kind: "kind_face_to_face", newConcerns: "nee" }),
  );
  expect(answer.status).toBe(200);
  expect(free).toBe(false); // answered while the case was still held
  expect(JSON.stringify(answer.body.value)).toContain("nog bezig met opslaan");

  release();
  await holding;
  expect(await h.cardTo(mine.code, "Contact geregistreerd")).toBeTruthy();
});

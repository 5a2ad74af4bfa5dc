import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, runText } from "../../../commands/dispatch.ts";
import { cases, people, teams } from "../../../db/schema.ts";
import { loadActingPerson } from "../../../src/cases/context.ts";
import type { Field, Reply } from "../../../src/ui/view.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// A field's hint is what keeps people right — "Kort en zonder namen of andere persoonsgegevens." on
// the one free-text note. Every hint of every form must be on the Teams card, next to its field.

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
});
afterAll(async () => h.close());

async function person(code: string) {
  const [p] = await h.db.select().from(people).where(eq(people.code, code));
  return loadActingPerson(h.db, p!.id);
}

const hinted = (reply: Reply): Field[] =>
  reply.kind === "form" ? reply.form.fields.filter((f) => f.hint) : [];

/** The hint's own TextBlock, right under its input. */
function hintUnder(cardJson: string, field: Field): boolean {
  const body = (JSON.parse(cardJson) as { body: Record<string, unknown>[] }).body;
  const at = body.findIndex((e) => e.id === field.id);
  return at >= 0 && body[at + 1]?.type === "TextBlock" && body[at + 1]?.text === field.hint;
}

describe("hints on Teams cards", () => {
  it.each([
    ["ccp-1", "triage"],
    ["pb-noord", "contact ZAAK"],
    ["pb-noord", "kernbeslissing ZAAK"],
    ["pb-noord", "overdracht ZAAK"],
  ])("%s typing %s sees every hint", async (code, typed) => {
    const text = typed.replace("ZAAK", zaaknummer);
    const reply = await runText(h.app.ctx, await person(code), "teams", text);
    const expected = hinted(reply);
    expect(expected.length).toBeGreaterThan(0);
    h.connector.clear();
    // Long forms open in a dialog, short ones are a card in the chat.
    const card =
      reply.kind === "form" && reply.form.long
        ? await h.openForm(code, text)
        : await h.say(code, text).then(() => h.cardTo(code, "Input."));
    for (const field of expected) expect(hintUnder(card, field), field.hint).toBe(true);
  });

  it("shows the privacy warning under the reason for a priority override", async () => {
    const pb = await person("pb-noord");
    const value = JSON.stringify({ team: null, offset: 0 });
    const expected = hinted(await runAction(h.app.ctx, pb, "teams", "werkvoorraad.override", value));
    expect(expected.map((f) => f.hint)).toContain(
      "Hoogstens 140 tekens. Geen namen, BSN, adressen, telefoonnummers of geboortedata.",
    );
    h.connector.clear();
    const answer = await h.execute("pb-noord", { zicht: "action", id: "werkvoorraad.override", value });
    const card =
      answer.body.type === "application/vnd.microsoft.card.adaptive"
        ? JSON.stringify(answer.body.value)
        : await h.cardTo("pb-noord", "Input.");
    for (const field of expected) expect(hintUnder(card, field), field.hint).toBe(true);
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkedAccounts, people } from "../../../db/schema.ts";
import { unlinkedPeople } from "../../../src/cases/linkedAccounts.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { testContext } from "../../support/db.ts";
import { importNewcomer } from "../../support/newcomer.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// A person imported with only an e-mail address is linked the first time they write to Zicht in
// Teams: by the activity's Entra object id, matched on the e-mail/UPN Teams gives for that member.
// From then on their reminders arrive in the 1:1 chat they wrote from.

const TODAY = "2026-11-23";
const NINA_AAD = "5b0c8f7e-0000-4000-8000-00000000a1a1";
let h: TeamsHarness;
let zaaknummer = "";

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  zaaknummer = await importNewcomer(h.db, TODAY, "jb-nieuw", "nina.nieuw@gi.example");
  h.useAadId("jb-nieuw", NINA_AAD);
  // Teams knows her by her UPN (which is her mail address here, in other capitals).
  h.connector.members.set("29:jb-nieuw", {
    aadObjectId: NINA_AAD,
    userPrincipalName: "Nina.Nieuw@gi.example",
  });
  h.useAadId("vreemde", "5b0c8f7e-0000-4000-8000-00000000b2b2");
  h.connector.members.set("29:vreemde", {
    aadObjectId: "5b0c8f7e-0000-4000-8000-00000000b2b2",
    email: "iemand@elders.example",
  });
});
afterAll(async () => h.close());

describe("linking on first contact in Teams", () => {
  it("a stranger still gets the polite refusal and nothing else", async () => {
    h.connector.clear();
    await h.say("vreemde", "werkvoorraad");
    expect(await h.cardTo("vreemde", "nog niet bekend in Zicht")).toBeTruthy();
    expect(h.connector.calls).toHaveLength(1);
    expect(await unlinkedPeople(h.db, ["teams"])).toHaveLength(1);
  });

  it("links the newcomer on their first message and answers it", async () => {
    h.connector.clear();
    await h.say("jb-nieuw", "herinneringen");
    const card = await h.cardTo("jb-nieuw", zaaknummer);
    expect(card).not.toContain("nog niet bekend");
    const [link] = await h.db
      .select({ code: people.code, how: linkedAccounts.how })
      .from(linkedAccounts)
      .innerJoin(people, eq(people.id, linkedAccounts.personId))
      .where(and(eq(linkedAccounts.platform, "teams"), eq(linkedAccounts.externalId, NINA_AAD)));
    expect(link).toEqual({ code: "jb-nieuw", how: "first_contact" });
    expect(await unlinkedPeople(h.db, ["teams"])).toEqual([]);
  });

  it("from then on gets their reminders in the chat they wrote from", async () => {
    h.connector.clear();
    await runReminderSweep(testContext(h.db, TODAY), TODAY, { platforms: ["teams"], digestToCcp: false });
    await new Dispatcher(h.db, {
      senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
      pacePerTargetMs: 0,
    }).drain();
    const reminder = await h.cardTo("jb-nieuw", "Mijn dag");
    expect(reminder).toContain(zaaknummer);
    // Her chat was stored at first contact: none had to be created.
    expect(h.connector.created.filter((c) => c.members[0]?.id === NINA_AAD)).toEqual([]);
  });
});

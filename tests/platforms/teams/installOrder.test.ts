import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkedAccounts, notifications, people } from "../../../db/schema.ts";
import { Dispatcher } from "../../../src/jobs/outbox.ts";
import { runReminderSweep } from "../../../src/jobs/runs.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { testContext } from "../../support/db.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// The README's order: the app is pre-installed for everyone (Teams sends its installationUpdate while
// nobody is linked yet, so no 1:1 chat is stored), then people are linked. Reminders must still arrive.

const TODAY = "2026-11-23";
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  // Installed before linking: Zicht did not know these people, so it stored nothing.
  await h.db.update(linkedAccounts).set({ conversation: null });
});
afterAll(async () => h.close());

const dispatcher = (now: () => Date) =>
  new Dispatcher(h.db, {
    senders: { teams: createTeamsSender(h.app.ctx, h.chats) },
    pacePerTargetMs: 0,
    baseDelayMs: 10,
    now,
  });

describe("reminders after the README's install order", () => {
  it("retries when Teams refuses to open the chat yet, then opens it and delivers every reminder", async () => {
    await runReminderSweep(testContext(h.db, TODAY), TODAY, { platforms: ["teams"], digestToCcp: false });
    const queued = await h.db.select().from(notifications).where(eq(notifications.kind, "mijn_dag"));
    expect(queued.length).toBeGreaterThan(5);

    // Teams refuses while the app is not yet installed for someone: retried, never final.
    h.connector.scriptCreate([{ status: 403 }]);
    let now = Date.now();
    const first = await dispatcher(() => new Date(now)).drain();
    expect(first.failed).toBe(0);
    expect(first.retried).toBe(1);

    now += 60_000;
    await dispatcher(() => new Date(now)).drain();
    const after = await h.db.select().from(notifications);
    expect(after.map((n) => n.status)).toEqual(after.map(() => "sent"));

    // One chat per person, opened with the bot, their Entra object id and the tenant.
    const linked = await h.db
      .select({ teamsId: linkedAccounts.externalId })
      .from(linkedAccounts)
      .where(eq(linkedAccounts.platform, "teams"));
    const opened = h.connector.created.map((c) => c.members[0]?.id);
    expect(new Set(opened).size).toBe(opened.length);
    for (const id of opened) expect(linked.map((p) => p.teamsId)).toContain(id);
    for (const c of h.connector.created) expect(c.channelData?.tenant?.id).toBe("demo-tenant");
    // One day message per person, each delivered once.
    const reminders = h.connector.calls.filter((c) => String(c.activity.text).startsWith("Mijn dag"));
    expect(reminders).toHaveLength(queued.length);
    expect(new Set(reminders.map((c) => c.conversationId)).size).toBe(queued.length);
    // Every chat is stored: the next reminder needs no new one.
    const stored = await h.db.select().from(linkedAccounts).where(isNotNull(linkedAccounts.conversation));
    expect(stored).toHaveLength(opened.length);
    const [someone] = stored;
    const [person] = await h.db.select().from(people).where(eq(people.id, someone!.personId));
    expect((someone?.conversation as { conversationId?: string } | undefined)?.conversationId).toBe(
      h.conversation(person!.code),
    );
  });
});

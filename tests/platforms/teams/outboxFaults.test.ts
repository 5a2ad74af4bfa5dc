import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, notifications, people } from "../../../db/schema.ts";
import { queueNotice } from "../../../src/cases/notices.ts";
import { Dispatcher, givenUpMessages, SendError } from "../../../src/jobs/outbox.ts";
import { createTeamsSender } from "../../../src/platforms/teams/sender.ts";
import { message } from "../../../src/ui/view.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Issue 15 items 1 and 2 on Teams: the Bot Connector call has a time limit, and an attempt whose
// outcome is unknown (connection dropped after the connector took it) is reported, not resent —
// the Bot Connector offers no way to look a message up.

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness("2026-11-23");
  expect(await h.install("pb-crt")).toBe(200);
});
afterAll(async () => h.close());

describe("the Teams sender under faults", () => {
  it("abandons a connector call that never answers, as an attempt of unknown outcome", async () => {
    h.connector.script([{ hang: true }]);
    const pb = { teamsId: await accountIdOf(h.db, "teams", "pb-crt") };
    const sender = createTeamsSender(h.app.ctx, h.chats.withTimeout(300));
    const started = Date.now();
    const error = await sender
      .send({ channel: null, userId: pb?.teamsId ?? "" }, message("x", [{ type: "text", text: "x" }]), {
        key: "test",
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).ambiguous).toBe(true);
  });

  it("a message the connector took before the connection dropped is reported as unconfirmed, sent once", async () => {
    h.connector.clear();
    const [pb] = await h.db.select().from(people).where(eq(people.code, "pb-crt"));
    const [c] = await h.db.select().from(cases).limit(1);
    await queueNotice(h.db, "notice:teams-drop", pb!.id, c!.id, {
      type: "handover_assigned",
      zaaknummer: c!.zaaknummer,
      by: "pb-crt",
    });
    h.connector.script([{ drop: true, deliver: true }]);
    let now = Date.now();
    const d = new Dispatcher(h.db, {
      senders: { teams: createTeamsSender(h.app.ctx, h.chats.withTimeout(2000)) },
      pacePerTargetMs: 0,
      baseDelayMs: 10,
      now: () => new Date(now),
    });
    await d.drain();
    now += 60_000;
    await d.drain();
    expect(h.connector.calls.filter((call) => call.conversationId === h.conversation("pb-crt"))).toHaveLength(
      1,
    );
    const [row] = await h.db.select().from(notifications).where(eq(notifications.key, "notice:teams-drop"));
    expect(row?.status).toBe("unconfirmed");
    expect((await givenUpMessages(h.db)).map((g) => g.status)).toContain("unconfirmed");
  });
});

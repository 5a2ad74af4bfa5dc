import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asc, sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, rowsOf } from "../../db/client.ts";
import { channelBindings, linkedAccounts } from "../../db/schema.ts";
import { findPersonByPlatformId } from "../../src/cases/identity.ts";
import { testContext } from "../support/db.ts";

// Migration 0011 moves every platform id (people.slack_id/teams_id), every stored Teams 1:1 chat and
// every team channel (teams.slack_channel/teams_channel) into linked accounts and channel bindings.
const folder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

let database: Database;
let partial: string;
let dropDb: () => Promise<void> = async () => {};

async function migrateFrom(migrationsFolder: string) {
  if (database.kind === "pglite") await migratePglite(database.db as never, { migrationsFolder });
  else await migratePostgres(database.db as never, { migrationsFolder });
}

beforeAll(async () => {
  partial = mkdtempSync(join(tmpdir(), "zicht-mig-"));
  cpSync(folder, partial, { recursive: true });
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 11);
  writeFileSync(join(partial, "meta/_journal.json"), JSON.stringify(journal));
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const { default: postgres } = await import("postgres");
    const name = `zicht_mig_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    dropDb = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = await openDatabase({ dataDir: "memory://" });
  }
  await migrateFrom(partial);
});

afterAll(async () => {
  await database.close();
  await dropDb();
  rmSync(partial, { recursive: true, force: true });
});

describe("migration 0011: identity moves to linked accounts and channel bindings", () => {
  it("keeps every platform id, stored Teams chat and team channel", async () => {
    const db = database.db;
    await db.execute(sql`insert into teams (code, name, kind, slack_channel, teams_channel) values
      ('NOORD', 'Noord', 'regulier', null, null),
      ('CRT', 'CRT', 'crt', 'C0CRT', '19:crt@thread.tacv2'),
      ('CCP', 'CCP', 'ccp', 'C0CCP', null)`);
    await db.execute(sql`insert into people (code, name, role, team_id, fte, slack_id, teams_id) values
      ('jb-1', 'Jet', 'jeugdbeschermer', 1, 1, 'U001', '00000000-0000-4000-8000-000000000001'),
      ('jb-2', 'Joop', 'jeugdbeschermer', 1, 1, 'U002', null),
      ('pb-1', 'Pia', 'praktijkbegeleider', 2, 1, null, '00000000-0000-4000-8000-000000000003'),
      ('beh-1', 'Bea', 'beheerder', 3, 1, null, null)`);
    await db.execute(sql`insert into teams_conversations (person_id, conversation_id, service_url, updated_at)
      values (1, 'a:chat-jb-1', 'https://smba.trafficmanager.net/emea/', '2026-11-20T08:00:00Z')`);

    await migrateFrom(folder);

    const accounts = await db
      .select()
      .from(linkedAccounts)
      .orderBy(asc(linkedAccounts.personId), asc(linkedAccounts.platform));
    expect(accounts.map((a) => [a.personId, a.platform, a.externalId, a.how])).toEqual([
      [1, "slack", "U001", "import"],
      [1, "teams", "00000000-0000-4000-8000-000000000001", "import"],
      [2, "slack", "U002", "import"],
      [3, "teams", "00000000-0000-4000-8000-000000000003", "import"],
    ]);
    expect(accounts[1]?.conversation).toEqual({
      conversationId: "a:chat-jb-1",
      serviceUrl: "https://smba.trafficmanager.net/emea/",
    });
    expect(accounts[1]?.conversationAt?.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(accounts.every((a) => a.linkedAt instanceof Date)).toBe(true);

    const channels = await db
      .select()
      .from(channelBindings)
      .orderBy(asc(channelBindings.teamId), asc(channelBindings.platform));
    expect(channels.map((c) => [c.teamId, c.platform, c.channelId])).toEqual([
      [2, "slack", "C0CRT"],
      [2, "teams", "19:crt@thread.tacv2"],
      [3, "slack", "C0CCP"],
    ]);

    // The old columns and table are gone; the people are found by their accounts as before.
    const leftovers = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from information_schema.columns
        where table_name in ('people', 'teams') and column_name in ('slack_id', 'teams_id', 'slack_channel', 'teams_channel')`),
    );
    expect(Number(leftovers[0]?.n)).toBe(0);
    const ctx = testContext(db, "2026-11-23");
    expect((await findPersonByPlatformId(ctx, "slack", "U002"))?.code).toBe("jb-2");
    expect((await findPersonByPlatformId(ctx, "teams", "00000000-0000-4000-8000-000000000003"))?.code).toBe(
      "pb-1",
    );
  });
});

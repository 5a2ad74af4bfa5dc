import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, ne, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openDatabase } from "../../../db/client.ts";
import { demoSlackId } from "../../../db/demo/organisation.ts";
import { cases, people } from "../../../db/schema.ts";
import type { App } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { seedDemo } from "../../../src/demoSeed.ts";
import { createSlackPlatform } from "../../../src/platforms/slack/app.ts";
import { type RunningServer, startServer } from "../../../src/server.ts";
import { accountIdOf } from "../../support/accounts.ts";
import { testContext, testDatabase } from "../../support/db.ts";
import { FakeSlackApi } from "../../support/fakeSlackApi.ts";
import {
  date,
  post,
  SIGNING_SECRET,
  select,
  slashCommand,
  viewSubmission,
} from "../../support/slackRequests.ts";

// Slack gives an app three seconds to acknowledge. The acknowledgement must not wait for the
// database: here one long statement holds the database (on PGlite: the only connection) until the
// test releases it, and a slash command still gets its HTTP 200 while that statement runs.

const TODAY = "2026-11-23";
const serverUrl = process.env.TEST_DATABASE_URL;

interface Hold {
  /** Settles when the holding statement has finished. */
  finished: Promise<unknown>;
  release(): Promise<void>;
}

let database: Database | { db: Database["db"]; close(): Promise<void>; url?: string };
/** Holds the database (embedded) or, on a server, what the step needs: a lock, or the case's row. */
let hold: (what: { rowOf?: string }) => Promise<Hold>;
let cleanup: () => Promise<void> = async () => {};
let server: RunningServer;
let fake: FakeSlackApi;

beforeAll(async () => {
  if (serverUrl) {
    // On a server: a statement waits for an advisory lock the test holds on its own connection.
    const test = await testDatabase();
    database = test;
    const holder = postgres(test.url ?? "", { max: 1, onnotice: () => {} });
    cleanup = () => holder.end({ timeout: 5 });
    hold = async ({ rowOf }) => {
      if (rowOf) {
        // A transaction elsewhere holds the case's row, as a slow writer would.
        let release = () => {};
        const released = new Promise<void>((r) => {
          release = r;
        });
        let locked = () => {};
        const isLocked = new Promise<void>((r) => {
          locked = r;
        });
        const finished = holder.begin(async (tx) => {
          await tx`select 1 from cases where zaaknummer = ${rowOf} for update`;
          locked();
          await released;
        });
        await isLocked;
        return { finished, release: async () => release() };
      }
      await holder`select pg_advisory_lock(4711)`;
      return {
        finished: test.db.execute(sql`select pg_advisory_xact_lock(4711)`),
        release: async () => void (await holder`select pg_advisory_unlock(4711)`),
      };
    };
  } else {
    // Embedded: a statement that runs until a file appears in the data folder (capped at 20 s, so
    // a database that blocks the server's thread fails this test instead of hanging it).
    const dir = mkdtempSync(join(tmpdir(), "zicht-busy-"));
    const embedded = await openDatabase({ dataDir: dir });
    await embedded.migrate();
    database = embedded;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    hold = async () => {
      rmSync(join(dir, "release"), { force: true });
      return {
        finished: embedded.db.execute(
          sql.raw(`do $$ declare started timestamptz := clock_timestamp(); begin
          while (pg_stat_file('release', true)).size is null
                and clock_timestamp() < started + interval '20 seconds' loop end loop; end $$`),
        ),
        release: async () => writeFileSync(join(dir, "release"), "now"),
      };
    };
  }
  const ctx = testContext(database.db, TODAY);
  await seedDemo(database.db, ctx, TODAY);
  const app: App = {
    config: loadConfig({}),
    database: {
      db: database.db,
      kind: serverUrl ? "postgres" : "pglite",
      statements: { count: 0 },
      migrate: async () => {},
      close: async () => {},
    },
    ctx,
    close: async () => {},
  };
  fake = await new FakeSlackApi().start();
  const slack = createSlackPlatform(app, {
    signingSecret: SIGNING_SECRET,
    botToken: "xoxb-test",
    apiUrl: `${fake.url}/api/`,
  });
  server = await startServer(app, slack.routes, 0, "127.0.0.1");
});

afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  await database?.close();
  await cleanup();
});

it("acknowledges a slash command while a long statement holds the database, and answers once it is free", async () => {
  const busy = await hold({});
  let databaseFree = false;
  const finished = busy.finished.then(() => {
    databaseFree = true;
  });

  const res = await post(
    `http://127.0.0.1:${server.port}`,
    slashCommand(demoSlackId(0), "werkvoorraad", `${fake.url}/respond/1`),
  );
  expect(res.status).toBe(200);
  // The ack came back while the statement was still holding the database.
  expect(databaseFree).toBe(false);
  if (!serverUrl) expect(fake.callsTo("response_url")).toEqual([]); // the answer needs the database

  await busy.release();
  await finished;
  for (let i = 0; i < 250 && fake.callsTo("response_url").length === 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(JSON.stringify(fake.callsTo("response_url")[0]?.body)).toContain("Werkvoorraad");
});

it("closes a form whose saving waits for the database with a 'still saving' note, then sends the outcome", async () => {
  // A case and its owner, who may record a contact on it.
  const [mine] = await database.db
    .select({ zaaknummer: cases.zaaknummer, ownerId: people.id })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(ne(cases.phase, "afgesloten"))
    .limit(1);
  const user = (mine && (await accountIdOf(database.db, "slack", mine.ownerId))) ?? "";
  const zaaknummer = mine?.zaaknummer ?? "";
  fake.clear();
  const url = `http://127.0.0.1:${server.port}`;
  expect((await post(url, slashCommand(user, `contact ${zaaknummer}`, `${fake.url}/respond/2`))).status).toBe(
    200,
  );
  for (let i = 0; i < 250 && fake.callsTo("views.open").length === 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  const view = fake.callsTo("views.open")[0]?.body.view as Record<string, unknown>;
  expect(view).toBeDefined();

  const busy = await hold({ rowOf: zaaknummer });
  let databaseFree = false;
  const finished = busy.finished.then(() => {
    databaseFree = true;
  });
  const res = await post(
    url,
    viewSubmission(user, view, {
      date: date(TODAY),
      kind: select("kind_face_to_face"),
      newConcerns: select("nee"),
    }),
  );
  expect(res.status).toBe(200);
  const ack = (await res.json()) as { response_action?: string; view?: unknown };
  expect(databaseFree).toBe(false);
  expect(ack.response_action).toBe("update");
  expect(JSON.stringify(ack.view)).toContain("nog bezig met opslaan");

  await busy.release();
  await finished;
  const dm = () => fake.callsTo("chat.postMessage").find((c) => c.body.channel === user);
  for (let i = 0; i < 250 && !dm(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(JSON.stringify(dm()?.body)).toContain("Contact geregistreerd");
});

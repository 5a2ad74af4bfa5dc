import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { people, teams } from "../../db/schema.ts";
import { logOptions } from "../../src/log.ts";
import { testDatabase } from "../support/db.ts";

// Issue 15 item 9: database errors logged the query parameters, including a typed name. The log
// keeps zaaknummers and person codes at most, also on errors: here a real failed query's error goes
// through the app's own log configuration into a buffer, and the name must not be in it.

const NAME = "Jantje Voorbeeldkind";
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
});
afterAll(async () => {
  await close();
});

/** Logs `err` the way logUnexpected does, with the app's serializers, and returns the JSON line. */
function logged(err: unknown): string {
  let out = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  pino({ ...logOptions, level: "info" }, sink).error({ err, reference: "ZCH-TEST" }, "unexpected error");
  return out;
}

async function failure(query: () => Promise<unknown>): Promise<unknown> {
  try {
    await query();
  } catch (err) {
    return err;
  }
  throw new Error("the query was expected to fail");
}

describe("database errors in the log", () => {
  it("leave out the parameters of a failed insert (a typed name), keep the constraint", async () => {
    await db.insert(teams).values({ code: "T1", name: "Team", kind: "regulier" });
    const err = await failure(() => db.insert(teams).values({ code: "T1", name: NAME, kind: "regulier" }));
    const line = logged(err);
    expect(line).toContain("ZCH-TEST");
    expect(line).toContain("teams"); // where it went wrong is still there
    expect(line).not.toContain(NAME);
    expect(line).not.toContain("Jantje");
  });

  it("leave out a typed value PostgreSQL quotes in its own message", async () => {
    const err = await failure(() =>
      db
        .select()
        .from(people)
        .where(eq(people.id, sql`${NAME}::int`)),
    );
    const line = logged(err);
    expect(line).toContain("unexpected error");
    expect(line).not.toContain("Jantje");
  });
});

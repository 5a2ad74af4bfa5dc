import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Db, StatementCounter } from "../../db/client.ts";
import { openDatabase } from "../../db/client.ts";
import { type CaseContext, createContext } from "../../src/cases/context.ts";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import type { IsoDate } from "../../src/domain/types.ts";

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL it is a new database on
 * that PostgreSQL server (dropped again on close); otherwise an in-memory PGlite.
 */
export async function testDatabase(): Promise<{
  db: Db;
  statements: StatementCounter;
  close(): Promise<void>;
  url?: string;
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    return { db: database.db, statements: database.statements, close: () => database.close() };
  }
  const name = `zicht_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    await dropDatabase(serverUrl, name);
    throw err;
  }
  return {
    db: database.db,
    statements: database.statements,
    /** The database's own URL, for tests that need a second connection. */
    url: url.toString(),
    close: async () => {
      await database.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** A use-case context whose clock stands at noon UTC of `today` (the same day in Amsterdam). */
export function testContext(db: Db, today: IsoDate, policy: Policy = DEFAULT_POLICY): CaseContext {
  const noon = new Date(`${today}T12:00:00Z`);
  return createContext(db, policy, () => noon);
}

/**
 * Empties tables between tests. The audit log refuses TRUNCATE and its head moves only with it
 * (migration 0012): a test's reset, as the superuser, runs with the triggers off and resets the head.
 */
export async function emptyTables(db: Db, tables: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${tables.join(", ")} restart identity cascade`));
    await tx.execute(sql`update audit_head set last_id = 0, last_hash = null, row_count = 0`);
  });
}

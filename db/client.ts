import { mkdirSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { PgliteThread } from "./pgliteThread.ts";
import { grantAppRole } from "./roles.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The one database type the project uses: PGlite and postgres.js are both PgDatabase. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** Inside db.transaction(...): the same query surface. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** How many SQL statements went to the database: every query, plus BEGIN and COMMIT of a transaction. */
export interface StatementCounter {
  count: number;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Statements sent since the database was opened (the bench and the statement tests read it). */
  statements: StatementCounter;
  /** Runs the committed migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export interface DatabaseOptions {
  /** postgres:// URL of a server; when absent the embedded database is used. */
  url?: string | undefined;
  /**
   * postgres:// URL of the role that owns the tables and runs the migrations; the work runs as
   * `url`'s role, which then cannot truncate the audit log or change its triggers (db/roles.ts).
   * Without it the one role of `url` does both.
   */
  ownerUrl?: string | undefined;
  /** Folder of the embedded database; "memory://" for a throw-away one (tests). */
  dataDir?: string;
  /** The embedded database's shared_buffers ("32MB"); PostgreSQL's default (128MB) when absent. */
  pgliteSharedBuffers?: string | undefined;
  /**
   * Runs the embedded database on this thread instead of a worker thread (db/pgliteThread.ts). For
   * a command, which answers no one while a query runs: a worker is a second JavaScript heap, and
   * every row crossed between the threads as a copy (100,000-case import: ~30 MB less).
   */
  pgliteOnThisThread?: boolean | undefined;
}

/**
 * Counts statements at the drizzle seam every query passes: the logger sees each query with its
 * text, and a transaction adds its BEGIN and COMMIT (or ROLLBACK).
 */
function counting(): { statements: StatementCounter; logger: { logQuery(): void } } {
  const statements: StatementCounter = { count: 0 };
  return { statements, logger: { logQuery: () => void statements.count++ } };
}

function countTransactions(db: Db, statements: StatementCounter): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) => {
    statements.count += 2;
    return transaction(work, config);
  }) as Db["transaction"];
  return db;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    // Dates stay ISO strings: the rules work on calendar days, never on instants.
    const client = postgres(options.url, {
      max: 10,
      onnotice: () => {},
      types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
    });
    const { statements, logger } = counting();
    const db = countTransactions(drizzlePostgres(client, { schema, logger }) as unknown as Db, statements);
    return {
      db,
      kind: "postgres",
      statements,
      migrate: async () => {
        if (!options.ownerUrl) return void (await migratePostgres(db as never, { migrationsFolder }));
        const ownerClient = postgres(options.ownerUrl, { max: 1, onnotice: () => {} });
        try {
          const owner = drizzlePostgres(ownerClient, { schema }) as unknown as Db;
          await migratePostgres(owner as never, { migrationsFolder });
          const [me] = rowsOf<{ role: string }>(await db.execute(sql`select current_user as role`));
          if (me) await grantAppRole(owner, me.role);
        } finally {
          await ownerClient.end({ timeout: 5 });
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? "./data";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // The server's embedded database runs in a worker thread so its queries never block request
  // handling; a command's runs on its own thread (pgliteOnThisThread).
  const client = options.pgliteOnThisThread
    ? await openPgliteHere(dataDir, options.pgliteSharedBuffers)
    : await PgliteThread.open(dataDir, options.pgliteSharedBuffers);
  const { statements, logger } = counting();
  // drizzle's PGlite driver only calls query() and transaction(), which the thread client offers.
  const driverClient = client as unknown as PGlite;
  const db = countTransactions(
    drizzlePglite({ client: driverClient, schema, logger }) as unknown as Db,
    statements,
  );
  return {
    db,
    kind: "pglite",
    statements,
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder });
    },
    close: () => client.close(),
  };
}

/**
 * PGlite on this thread, opened as db/pgliteWorker.mjs opens it. Imported only here: the server
 * never loads PGlite on its main thread.
 */
async function openPgliteHere(dataDir: string, sharedBuffers: string | undefined): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  return PGlite.create(
    dataDir,
    sharedBuffers
      ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] }
      : {},
  );
}

/** Rows of a raw query: PGlite answers { rows }, postgres.js answers the array itself. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** True when the migrations table exists and holds every committed migration. */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const expected = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length;
  try {
    const rows = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    return (rows[0]?.n ?? 0) >= expected;
  } catch {
    return false;
  }
}

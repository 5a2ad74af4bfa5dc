import type { Db } from "../../db/client.ts";
import type { App } from "../../src/app.ts";
import { createContext } from "../../src/cases/context.ts";
import { loadConfig } from "../../src/config.ts";
import { seedDemo } from "../../src/demoSeed.ts";
import { DEFAULT_POLICY } from "../../src/domain/policy.ts";
import { testContext, testDatabase } from "./db.ts";

/**
 * The App a platform adapter runs on: a fresh test database holding the demo organisation, its clock
 * on `today` — or on `clock`, for a test that lives through several days.
 */
export async function demoApp(
  today: string,
  clock?: () => Date,
): Promise<{ app: App; db: Db; close(): Promise<void> }> {
  const { db, statements, close } = await testDatabase();
  const ctx = clock ? createContext(db, DEFAULT_POLICY, clock) : testContext(db, today);
  await seedDemo(db, ctx, today);
  const app: App = {
    config: loadConfig({}),
    database: { db, kind: "pglite", statements, migrate: async () => {}, close: async () => {} },
    ctx,
    close: async () => {},
  };
  return { app, db, close };
}

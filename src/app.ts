import { type Database, type DatabaseOptions, openDatabase } from "../db/client.ts";
import { lockDataDir } from "../db/dataDirLock.ts";
import { type CaseContext, createContext } from "./cases/context.ts";
import { syncDeadlinesWithPolicy } from "./cases/deadlinePolicy.ts";
import type { Config } from "./config.ts";
import { log } from "./log.ts";

/** The opened database with the rules and clock every use case needs. */
export interface App {
  config: Config;
  database: Database;
  ctx: CaseContext;
  close(): Promise<void>;
}

/** Opens (and locks, when embedded) the database and runs the migrations. */
export async function openApp(
  config: Config,
  now: () => Date = () => new Date(),
  options: Pick<DatabaseOptions, "pgliteSharedBuffers" | "pgliteOnThisThread"> = {},
): Promise<App> {
  const url = config.env.DATABASE_URL;
  const unlock = url ? () => {} : lockDataDir(config.env.ZICHT_DATA_DIR);
  try {
    const database = await openDatabase({
      url,
      ownerUrl: config.env.DATABASE_OWNER_URL,
      dataDir: config.env.ZICHT_DATA_DIR,
      pgliteSharedBuffers: options.pgliteSharedBuffers,
      pgliteOnThisThread: options.pgliteOnThisThread,
    });
    await database.migrate();
    const ctx = createContext(database.db, config.policy, now);
    const sync = await syncDeadlinesWithPolicy(ctx);
    if (sync.recomputed) {
      log.info(
        { changedDeadlines: sync.changedDeadlines, changedCases: sync.changedCases },
        `deadlines recomputed after a policy change: ${sync.changedDeadlines} deadlines of ${sync.changedCases} cases changed`,
      );
    }
    return {
      config,
      database,
      ctx,
      close: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

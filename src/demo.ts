import { count } from "drizzle-orm";
import { cases, people, teams } from "../db/schema.ts";
import type { App } from "./app.ts";
import { log } from "./log.ts";

/** True when the database holds no organisation yet. */
export async function isEmpty(app: App): Promise<boolean> {
  const db = app.database.db;
  for (const table of [teams, people, cases]) {
    const [row] = await db.select({ n: count() }).from(table);
    if ((row?.n ?? 0) > 0) return false;
  }
  return true;
}

/** Without platform credentials Zicht runs as a demo: it fills an empty database, never one with data. */
export async function seedDemoIfEmpty(app: App): Promise<void> {
  if (!(await isEmpty(app))) return;
  const { seedDemo } = await import("./demoSeed.ts");
  const summary = await seedDemo(app.database.db, app.ctx, app.ctx.today());
  log.info(summary, "seeded the demo organisation into the empty database");
}

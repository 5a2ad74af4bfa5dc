import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desc, eq, ne } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { auditLog, cases, people } from "../../../db/schema.ts";
import { loadConfig } from "../../../src/config.ts";
import { type RunningZicht, startZicht } from "../../../src/zicht.ts";

// The local console drives the real Teams adapter, but it is its own door: the read log must say
// a case was read through the console (issue 12), and a restart must not make the console's
// messages look like repeats of the previous run's (issue 15 item 4 remembers activity ids).

const dir = mkdtempSync(join(tmpdir(), "zicht-console-door-"));
const config = () =>
  loadConfig({
    ZICHT_DATA_DIR: join(dir, "data"),
    PORT: "0",
    ZICHT_DISPATCH_SECONDS: "1",
    LOG_LEVEL: "silent",
  });
let zicht: RunningZicht | null = null;

afterAll(async () => {
  await zicht?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function say(person: string, text: string) {
  const res = await fetch(`${zicht?.url}console/api/say`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ person, text }),
  });
  expect(res.status).toBe(200);
}

async function answers(conversation: string): Promise<string[]> {
  const res = await fetch(`${zicht?.url}console/api/messages?after=0`);
  const all = (await res.json()) as { conversation: string; from: string; card?: unknown }[];
  return all
    .filter((m) => m.conversation === conversation && m.from === "bot")
    .map((m) => JSON.stringify(m.card));
}

it("a case read in the console is logged with door 'console', also after a restart", async () => {
  zicht = await startZicht(config());
  const db = zicht.app.database.db;
  const [mine] = await db
    .select({ zaaknummer: cases.zaaknummer, code: people.code })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(ne(cases.phase, "afgesloten"))
    .limit(1);
  if (!mine) throw new Error("the demo has no owned case");
  await say(mine.code, `zaak ${mine.zaaknummer}`);
  const [read] = await db
    .select({ via: auditLog.via, zaaknummers: auditLog.zaaknummers })
    .from(auditLog)
    // Reminders delivered meanwhile are reads too (through the outbox): this is the person's own.
    .where(eq(auditLog.action, "zaak_ingezien"))
    .orderBy(desc(auditLog.id))
    .limit(1);
  expect(read).toEqual({ via: "console", zaaknummers: [mine.zaaknummer] });

  // Restarted within the replay window, on the same data: the console's first message is answered.
  await zicht.stop();
  zicht = await startZicht(config());
  const before = (await answers(`console:${mine.code}`)).length;
  await say(mine.code, `zaak ${mine.zaaknummer}`);
  expect((await answers(`console:${mine.code}`)).length).toBeGreaterThan(before);
}, 120_000);

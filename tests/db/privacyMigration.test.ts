import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, rowsOf } from "../../db/client.ts";
import { auditLog, jobRuns, triages } from "../../db/schema.ts";
import { verifyAuditChain } from "../../src/cases/auditTrail.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import { testContext } from "../support/db.ts";

// Migration 0005 checks the free text stored before the privacy guard existed, reports what it
// found as counts (never the text) and replaces it by "[verwijderd]".
const folder = fileURLToPath(new URL("../../db/migrations", import.meta.url));
const BEFORE = [
  "0000_init",
  "0001_audit_append_only",
  "0002_outbox_platform_and_snoozes",
  "0003_teams_conversations",
];

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
  journal.entries = journal.entries.filter((e: { tag: string }) => BEFORE.includes(e.tag));
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

describe("migration 0005: stored free text", () => {
  it("reports counts, replaces the text by [verwijderd], and the audit chain starts intact", async () => {
    const db = database.db;
    await db.execute(sql`insert into teams (code, name, kind) values ('CCP', 'CCP', 'ccp')`);
    await db.execute(
      sql`insert into people (code, name, role, team_id, fte) values ('pb-1', 'Pia', 'praktijkbegeleider', 1, 1)`,
    );
    await db.execute(sql`insert into cases (zaaknummer, measure, received_on, phase, phase_since, team_id)
      values ('2026-0001', 'ots', '2026-11-02', 'crt', '2026-11-02', 1), ('2026-0002', 'ots', '2026-11-02', 'crt', '2026-11-02', 1)`);
    const reasons = [
      "Vader Jan de Vries (BSN 111222333, Dorpsstraat 4) dreigt met geweld",
      "moeder bereikbaar op 06-12345678 of m.devries@example.nl",
      "signaal van school",
    ];
    for (const [i, reason] of reasons.entries()) {
      await db.execute(sql`insert into triages (case_id, answers, direct_unsafe, criteria, routing, priority_class,
        priority_score, explanation, override_class, override_reason, override_by_id, by_id, triaged_on)
        values (${(i % 2) + 1}, '{}', false, '{}', 'crt', 'C', 40, '[]', 'A', ${reason}, 1, 1, '2026-11-02')`);
      await db.execute(sql`insert into audit_log (actor_id, via, action, case_id, details)
        values (1, 'slack', 'prioriteit_aangepast', 1, ${JSON.stringify({ zaaknummer: "2026-0001", reden: reason })}::jsonb)`);
    }
    await db.execute(sql`insert into audit_log (actor_id, via, action, case_id, details)
      values (1, 'slack', 'zaak_ingezien', 2, '{"zaaknummer":"2026-0002"}'::jsonb)`);

    await migrateFrom(folder);

    const stored = await db.select({ r: triages.overrideReason }).from(triages);
    expect(stored.map((r) => r.r)).toEqual(["[verwijderd]", "[verwijderd]", "[verwijderd]"]);
    const [report] = await db.select().from(jobRuns).where(eq(jobRuns.job, "privacy_check_free_text"));
    // Three triage reasons and their three copies in the audit log; four of the six hold personal data.
    expect(report?.summary).toMatchObject({
      checked: 6,
      withPersonalData: 4,
      replaced: 6,
      byKind: { bsn: 2, address: 2, phone: 2, email: 2 },
    });
    expect(JSON.stringify(report?.summary)).not.toMatch(/Vries|111222333|example/);
    const audit = await db.select().from(auditLog).orderBy(auditLog.id);
    for (const row of audit) expect(JSON.stringify(row.details)).not.toMatch(/Vries|111222333|06-1234/);
    // Old rows become findable by case and kind of access.
    expect(audit.at(-1)).toMatchObject({ zaaknummers: ["2026-0002"], access: "lezen" });

    // The first append seals the old rows into the chain; verify passes.
    const ctx = testContext(db, "2026-11-23");
    const card = await showCase(ctx, { personId: 1, via: "teams" }, { zaaknummer: "2026-0001" });
    expect(card.ok).toBe(true);
    if (card.ok) expect(card.value.priority?.override?.reason).toBe("[verwijderd]");
    expect(await verifyAuditChain(ctx, { operator: "test", via: "cli" })).toMatchObject({
      ok: true,
      rows: 5,
    });
    const unsealed = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from audit_log where hash is null`),
    );
    expect(Number(unsealed[0]?.n)).toBe(0);
  });
});

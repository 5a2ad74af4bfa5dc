import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/client.ts";
import { cases } from "../../db/schema.ts";
import { verifyAuditChain } from "../../src/cases/auditTrail.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import { seedDemo } from "../../src/demoSeed.ts";
import { runRetention } from "../../src/jobs/retention.ts";
import { testContext } from "../support/db.ts";

// Issue 15 item 7: as the app's database role, TRUNCATE, DISABLE TRIGGER and DROP TRIGGER worked on
// the audit log, because the app's role owned it. With DATABASE_OWNER_URL the migrations run as the
// owner and the work as DATABASE_URL's role, which can do its work and no more.
//
// Roles exist on a PostgreSQL server only: the embedded database (PGlite) is one in-process
// superuser, where the append-only and truncate triggers and the chain's head (`zicht audit
// verify`) are what holds (README, "Database roles").
const server = process.env.TEST_DATABASE_URL;
const TODAY = "2026-11-23";

describe.skipIf(!server)("owner and app roles on a PostgreSQL server", () => {
  const suffix = randomBytes(5).toString("hex");
  const name = `zicht_roles_${suffix}`;
  const appRole = `zicht_app_${suffix}`;
  let admin: postgres.Sql;
  let app: Database;

  beforeAll(async () => {
    admin = postgres(server as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.unsafe(`create role ${appRole} login`);
    const ownerUrl = new URL(server as string);
    ownerUrl.pathname = `/${name}`;
    const appUrl = new URL(ownerUrl);
    appUrl.username = appRole;
    app = await openDatabase({ url: appUrl.toString(), ownerUrl: ownerUrl.toString() });
    await app.migrate();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`drop role if exists ${appRole}`);
    await admin.end();
  });

  it("the app's role does its work: seeding, reads in the log, retention's keyed hashes, verify", async () => {
    const ctx = testContext(app.db, TODAY);
    await seedDemo(app.db, ctx, TODAY);
    const [one] = await app.db.select({ z: cases.zaaknummer }).from(cases).limit(1);
    expect((await showCase(ctx, { operator: "test", via: "cli" }, { zaaknummer: one?.z })).ok).toBe(true);
    // Six years on, today's audit rows are past the 5-year period: their zaaknummers become keyed hashes.
    const later = testContext(app.db, "2032-12-01");
    const run = await runRetention(later, "2032-12-01");
    expect(run.ran && run.summary.auditRowsPseudonymised).toBeGreaterThan(0);
    expect(await verifyAuditChain(ctx, { operator: "test", via: "cli" })).toMatchObject({ ok: true });
    // An application role, not the tables' owner.
    const [owner] = (await app.db.execute(
      sql`select tableowner = current_user as owns from pg_tables where tablename = 'audit_log'`,
    )) as unknown as { owns: boolean }[];
    expect(owner?.owns).toBe(false);
  }, 180_000);

  it.each([
    ["TRUNCATE", "truncate audit_log"],
    ["TRUNCATE CASCADE through people", "truncate people cascade"],
    ["DISABLE TRIGGER", "alter table audit_log disable trigger audit_log_append_only"],
    ["DROP TRIGGER", "drop trigger audit_log_append_only on audit_log"],
    ["DROP TABLE", "drop table audit_log"],
    ["UPDATE of the head", "update audit_head set row_count = 0"],
    ["UPDATE of a row's action", "update audit_log set action = 'x'"],
    ["DELETE", "delete from audit_log"],
  ])("the app's role cannot %s", async (_what, statement) => {
    await expect(app.db.execute(sql.raw(statement))).rejects.toThrow();
  });
});

import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase, rowsOf } from "../../db/client.ts";
import { auditLog, cases, contacts, deadlines, people, teams, triages } from "../../db/schema.ts";
import { isPseudonym } from "../../src/cases/auditChain.ts";
import { auditOfCase, auditOfPerson, verifyAuditChain } from "../../src/cases/auditTrail.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import type { Actor, CaseContext } from "../../src/cases/context.ts";
import { recordContact } from "../../src/cases/recordContact.ts";
import type { Result } from "../../src/cases/result.ts";
import { listWerkvoorraad } from "../../src/cases/werkvoorraad.ts";
import { seedDemo } from "../../src/demoSeed.ts";
import { runRetention } from "../../src/jobs/retention.ts";
import { testContext, testDatabase } from "../support/db.ts";

const TODAY = "2026-11-23";
const FG = { operator: "fg-test", via: "cli" } as const;

let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;
const who: Record<string, Actor> = {};

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function personId(code: string): Promise<number> {
  const [p] = await db.select({ id: people.id }).from(people).where(eq(people.code, code));
  if (!p) throw new Error(code);
  return p.id;
}

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  ctx = testContext(db, TODAY);
  await seedDemo(db, ctx, TODAY);
  const [ccp] = await db.select().from(teams).where(eq(teams.code, "CCP"));
  await db
    .insert(people)
    .values({ code: "fg-1", name: "Fenna Gegevens", role: "beheerder", teamId: ccp?.id ?? 0, fte: 1 });
  for (const code of ["pb-noord", "jb-noord-1", "fg-1", "ccp-1"]) {
    const id = await personId(code).catch(() => 0);
    if (id) who[code] = { personId: id, via: "slack" };
  }
});

afterAll(async () => {
  await close();
});

async function anyCase(phase?: string) {
  const [row] = await db
    .select()
    .from(cases)
    .where(phase ? sql`${cases.phase} = ${phase}` : sql`true`)
    .orderBy(cases.id)
    .limit(1);
  if (!row) throw new Error("no case");
  return row;
}

describe("the read log", () => {
  it("a case card read is one row: who, when, which case, lezen, the door, gelukt", async () => {
    const c = await anyCase();
    const reader = who["ccp-1"] as Actor;
    value(await showCase(ctx, reader, { zaaknummer: c.zaaknummer }));
    const rows = value(await auditOfCase(ctx, FG, { zaaknummer: c.zaaknummer }));
    const read = rows.filter((r) => r.action === "zaak_ingezien").at(-1);
    expect(read).toMatchObject({
      person: "ccp-1",
      via: "slack",
      access: "lezen",
      outcome: "gelukt",
      zaaknummers: [c.zaaknummer],
    });
    expect(Date.now() - Date.parse(read?.at ?? "")).toBeLessThan(60_000);
  });

  it("a werkvoorraad page is one row with every zaaknummer shown", async () => {
    const reader = who["ccp-1"] as Actor;
    const page = value(await listWerkvoorraad(ctx, { limit: 7 }, reader));
    expect(page.entries.length).toBe(7);
    const [row] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "werkvoorraad_ingezien"), eq(auditLog.actorId, reader.personId)))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(row?.zaaknummers.sort()).toEqual(page.entries.map((e) => e.zaaknummer).sort());
    expect(row?.access).toBe("lezen");
  });

  it("only a beheerder (or an operator at the CLI) may ask; asking is logged too", async () => {
    const c = await anyCase();
    const refused = await auditOfCase(ctx, who["jb-noord-1"] as Actor, { zaaknummer: c.zaaknummer });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain("beheerder");
    const [attempt] = await db.select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(attempt).toMatchObject({
      action: "auditlog_zaak_ingezien",
      outcome: "geweigerd",
      zaaknummers: [c.zaaknummer],
    });
    const before = (await db.select().from(auditLog)).length;
    value(await auditOfCase(ctx, who["fg-1"] as Actor, { zaaknummer: c.zaaknummer }));
    const after = await db.select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect((await db.select().from(auditLog)).length).toBe(before + 1);
    expect(after[0]?.action).toBe("auditlog_zaak_ingezien");
  });

  it("what one person accessed between two days", async () => {
    const rows = value(await auditOfPerson(ctx, FG, { person: "ccp-1", from: TODAY, to: TODAY }));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.person))).toEqual(new Set(["ccp-1"]));
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["zaak_ingezien", "werkvoorraad_ingezien"]),
    );
    const none = value(
      await auditOfPerson(ctx, FG, { person: "ccp-1", from: "2020-01-01", to: "2020-12-31" }),
    );
    expect(none).toEqual([]);
    const bad = await auditOfPerson(ctx, FG, { person: "ccp-1", from: TODAY, to: "2020-01-01" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.to).toContain("einddatum");
  });
});

describe("the hash chain", () => {
  it("verifies, stays append-only for the app, and names the row after a deleted one", async () => {
    const ok = await verifyAuditChain(ctx, FG);
    expect(ok.ok).toBe(true);
    await expect(db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    // The retention exception does not open the door for anything but keyed hashes.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('zicht.audit_pseudonymise', 'on', true)`);
        await tx.execute(sql`update audit_log set zaaknummers = array['2026-0001']`);
      }),
    ).rejects.toThrow();
    const ids = rowsOf<{ id: number }>(await db.execute(sql`select id from audit_log order by id`)).map((r) =>
      Number(r.id),
    );
    const victim = ids[2] as number;
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await tx.execute(sql`delete from audit_log where id = ${victim}`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    });
    const broken = await verifyAuditChain(ctx, FG);
    expect(broken).toMatchObject({ ok: false, brokenId: ids[3] });
  });
});

describe("the hash chain under concurrent appends", () => {
  it("reads on two connections at once still form one unbroken chain", async () => {
    const fresh = await testDatabase();
    const second = fresh.url ? await openDatabase({ url: fresh.url }) : null;
    try {
      const c1 = testContext(fresh.db, TODAY);
      await seedDemo(fresh.db, c1, TODAY);
      const c2 = second ? testContext(second.db, TODAY) : c1;
      const some = await fresh.db.select({ z: cases.zaaknummer }).from(cases).limit(20);
      const reader = { operator: "test", via: "cli" };
      await Promise.all(some.map((c, i) => showCase(i % 2 === 0 ? c1 : c2, reader, { zaaknummer: c.z })));
      const check = await verifyAuditChain(c1, FG);
      expect(check).toMatchObject({ ok: true });
      expect(check.rows).toBeGreaterThanOrEqual(20);
    } finally {
      await second?.close();
      await fresh.close();
    }
  });
});

describe("retention", () => {
  it("deletes closed cases past the period with all their rows; their audit rows stay, later with hashed zaaknummers", async () => {
    // A separate database: the chain test above broke this one's chain on purpose.
    const fresh = await testDatabase();
    try {
      const c2 = testContext(fresh.db, TODAY);
      await seedDemo(fresh.db, c2, TODAY);
      const open = await fresh.db.select().from(cases).where(sql`${cases.phase} = 'regulier'`).limit(3);
      const [old, recent, active] = open;
      if (!old || !recent || !active) throw new Error("demo has too few cases");
      const [jb] = await fresh.db.select().from(people).where(eq(people.code, "jb-noord-1"));
      const reader = { personId: jb?.id ?? 0, via: "teams" };
      value(await showCase(c2, reader, { zaaknummer: old.zaaknummer }));
      // Closed 7 months ago (past the 6-month default) and 1 month ago.
      await fresh.db
        .update(cases)
        .set({ phase: "afgesloten", phaseSince: "2026-04-20" })
        .where(eq(cases.id, old.id));
      await fresh.db
        .update(cases)
        .set({ phase: "afgesloten", phaseSince: "2026-10-20" })
        .where(eq(cases.id, recent.id));
      await fresh.db
        .insert(contacts)
        .values({ caseId: old.id, date: "2026-03-02", kind: "kind_face_to_face" });
      const auditBefore = await fresh.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.zaaknummers} @> array[${old.zaaknummer}]::text[]`);
      expect(auditBefore.length).toBeGreaterThan(0);

      // The demo has closed cases of its own; 6 months before 23 November is 23 May.
      const due = await fresh.db
        .select({ z: cases.zaaknummer })
        .from(cases)
        .where(sql`${cases.phase} = 'afgesloten' and ${cases.phaseSince} < '2026-05-23'`);
      expect(due.map((r) => r.z)).toContain(old.zaaknummer);
      expect(due.map((r) => r.z)).not.toContain(recent.zaaknummer);
      const run = await runRetention(c2, TODAY);
      expect(run).toMatchObject({
        ran: true,
        summary: { casesDeleted: due.length, auditRowsPseudonymised: 0 },
      });
      expect(await runRetention(c2, TODAY)).toEqual({ ran: false, reason: "already_done" });

      const left = await fresh.db.select({ z: cases.zaaknummer }).from(cases);
      for (const gone of due) expect(left.map((r) => r.z)).not.toContain(gone.z);
      expect(left.map((r) => r.z)).toEqual(expect.arrayContaining([recent.zaaknummer, active.zaaknummer]));
      for (const table of [contacts, triages, deadlines]) {
        expect(await fresh.db.select().from(table).where(eq(table.caseId, old.id))).toEqual([]);
      }
      const auditAfter = await fresh.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.zaaknummers} @> array[${old.zaaknummer}]::text[]`);
      // Every earlier row is still there, and the deletion itself is logged.
      expect(auditAfter.length).toBe(auditBefore.length + 1);
      expect(auditAfter.at(-1)?.action).toBe("zaken_verwijderd_bewaartermijn");

      // Five years on, the audit rows lose their zaaknummers to a keyed hash; the chain still holds.
      const later = testContext(fresh.db, "2032-01-05");
      const run2 = await runRetention(later, "2032-01-05");
      expect(run2.ran).toBe(true);
      if (run2.ran) expect(run2.summary.auditRowsPseudonymised).toBeGreaterThan(0);
      const plain = await fresh.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.zaaknummers} @> array[${old.zaaknummer}]::text[]`);
      expect(plain).toEqual([]);
      const ids = auditBefore.map((r) => r.id);
      const hashed = await fresh.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.id} = any(${`{${ids.join(",")}}`}::bigint[])`);
      expect(hashed.length).toBe(ids.length);
      for (const row of hashed) {
        expect(row.zaaknummers.every(isPseudonym)).toBe(true);
        expect(JSON.stringify(row.details)).not.toContain(old.zaaknummer);
      }
      expect(await verifyAuditChain(later, FG)).toMatchObject({ ok: true });
    } finally {
      await fresh.close();
    }
  });
});

describe("every way in refuses a forbidden zaaknummer before anything is stored", () => {
  it("recordContact with a BSN as zaaknummer: Dutch error at zaaknummer, nothing written", async () => {
    const before = (await db.select().from(contacts)).length;
    const r = await recordContact(ctx, who["pb-noord"] as Actor, {
      zaaknummer: "111222333",
      date: TODAY,
      kind: "kind_face_to_face",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.fields?.zaaknummer).toContain("11-proef");
      expect(r.error.fields?.zaaknummer).not.toContain("111222333");
    }
    expect((await db.select().from(contacts)).length).toBe(before);
  });
});

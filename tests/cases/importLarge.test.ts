import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db, StatementCounter } from "../../db/client.ts";
import { arijAssessments, auditLog, caseEvents, cases, contacts, deadlines } from "../../db/schema.ts";
import type { CaseContext } from "../../src/cases/context.ts";
import { CASE_BATCH } from "../../src/cases/import/cases.ts";
import { type ImportSummary, importCsv } from "../../src/cases/import/index.ts";
import type { Result } from "../../src/cases/result.ts";
import { emptyTables, testContext, testDatabase } from "../support/db.ts";

// Issue 15 item 11: a 50 MB case file took 422 s and 2.46 GB. The import now reads the file in
// pieces, checks every row first and writes in batches. What a user notices: a wrong last line of
// a long file still writes nothing, a database error halfway undoes the batches before it, a
// re-import with newer dates adds history across batches, and the work grows by batches, not rows.

const TODAY = "2026-06-15";
const HEADER =
  "zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;laatste_contact;laatste_arij;arij_risico";
const PEOPLE = "code;naam;rol;team;fte\njb-1;Jet Voorbeeld;jeugdbeschermer;R1;1\n";
const TEAMS = "code;naam;soort\nR1;Regio 1;regulier\nCRT;CRT;crt\n";

let db: Db;
let statements: StatementCounter;
let close: () => Promise<void>;
let ctx: CaseContext;

const zaak = (i: number) => `L-${String(i).padStart(6, "0")}`;

/** `n` cases in regulier with an owner, last seen on `contact` with an ARIJ on `arij`. */
function casesFile(n: number, opts: { contact: string; arij: string; phase?: (i: number) => string }) {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++) {
    const phase = opts.phase?.(i) ?? "regulier";
    const team = phase === "crt" ? "CRT" : "R1";
    lines.push(`${zaak(i)};ots;2026-01-05;${phase};${team};jb-1;${opts.contact};${opts.arij};middelmatig`);
  }
  return `${lines.join("\n")}\n`;
}

function summaryOf(result: Result<ImportSummary>): ImportSummary {
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
  return result.value;
}

const total = async (table: typeof cases | typeof contacts | typeof arijAssessments | typeof auditLog) =>
  (await db.select({ n: count() }).from(table))[0]?.n ?? 0;

beforeAll(async () => {
  ({ db, statements, close } = await testDatabase());
  ctx = testContext(db, TODAY);
  summaryOf(await importCsv(ctx, null, "teams", TEAMS));
  summaryOf(await importCsv(ctx, null, "people", PEOPLE));
});
afterAll(async () => close());

describe("a large case file", () => {
  beforeEach(async () => {
    await emptyTables(db, ["cases", "case_events", "contacts", "arij_assessments", "deadlines"]);
  });

  it("writes nothing when only the last of 5,000 lines is wrong, and names that line", async () => {
    const audit = await total(auditLog);
    const file = `${casesFile(4999, { contact: "2026-06-01", arij: "2026-05-20" })}${zaak(5000)};ots;2026-01-05;klaar;R1;jb-1;;;\n`;
    const result = await importCsv(ctx, null, "cases", new TextEncoder().encode(file));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.rows).toEqual([
        expect.objectContaining({
          line: 5001,
          column: "fase",
          message: expect.stringMatching(/^regel 5001, kolom fase/),
        }),
      ]);
    }
    expect(await total(cases)).toBe(0);
    expect(await total(contacts)).toBe(0);
    expect(await total(auditLog)).toBe(audit);
  });

  it("reports a zaaknummer repeated thousands of lines later at the later line", async () => {
    const file = `${casesFile(3000, { contact: "2026-06-01", arij: "2026-05-20" })}${zaak(7)};ots;2026-01-05;regulier;R1;jb-1;;;\n`;
    const result = await importCsv(ctx, null, "cases", file);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.rows).toEqual([
        expect.objectContaining({
          line: 3002,
          column: "zaaknummer",
          message: expect.stringContaining("regel 8"),
        }),
      ]);
    expect(await total(cases)).toBe(0);
  });

  it("undoes the batches already written when the database refuses a row halfway", async () => {
    // A refusal only the database knows (a trigger of this test), on a row of the third batch.
    const victim = zaak(2 * CASE_BATCH + 10);
    await db.execute(
      sql.raw(`create function refuse_case() returns trigger language plpgsql as $$
        begin if new.zaaknummer = '${victim}' then raise exception 'refused by the test'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(
        "create trigger refuse_case before insert on cases for each row execute function refuse_case()",
      ),
    );
    try {
      const file = casesFile(3 * CASE_BATCH, { contact: "2026-06-01", arij: "2026-05-20" });
      const refusal = await importCsv(ctx, null, "cases", file).then(
        () => null,
        (err: Error) => err,
      );
      // drizzle wraps the database's error ("Failed query: …") and keeps it as the cause.
      expect(String((refusal?.cause as Error | undefined)?.message ?? refusal?.message)).toContain(
        "refused by the test",
      );
    } finally {
      await db.execute(sql.raw("drop trigger refuse_case on cases"));
      await db.execute(sql.raw("drop function refuse_case()"));
    }
    expect(await total(cases)).toBe(0);
    expect(await total(contacts)).toBe(0);
    expect(await total(arijAssessments)).toBe(0);
    expect((await db.select({ n: count() }).from(deadlines))[0]?.n).toBe(0);
  });

  it("adds the newer contact, ARIJ and phase as dated history on a re-import, across batches", async () => {
    const n = CASE_BATCH + 500;
    summaryOf(
      await importCsv(ctx, null, "cases", casesFile(n, { contact: "2026-03-02", arij: "2026-02-16" })),
    );
    // The same file again changes nothing.
    expect(
      summaryOf(
        await importCsv(ctx, null, "cases", casesFile(n, { contact: "2026-03-02", arij: "2026-02-16" })),
      ),
    ).toMatchObject({ inserted: 0, updated: 0, unchanged: n });
    // Newer dates for all, and every 100th case moves to the CRT.
    const newer = casesFile(n, {
      contact: "2026-06-08",
      arij: "2026-06-01",
      phase: (i) => (i % 100 === 0 ? "crt" : "regulier"),
    });
    expect(summaryOf(await importCsv(ctx, null, "cases", newer))).toMatchObject({ inserted: 0, updated: n });
    expect(await total(contacts)).toBe(2 * n);
    expect(await total(arijAssessments)).toBe(2 * n);

    // The last case of the second batch: both contacts and both ARIJs, its move on today's date.
    const [last] = await db
      .select()
      .from(cases)
      .where(eq(cases.zaaknummer, zaak(n)));
    expect(last).toMatchObject({ phase: "crt", phaseSince: TODAY });
    const id = last?.id ?? 0;
    const dates = await db
      .select({ date: contacts.date })
      .from(contacts)
      .where(eq(contacts.caseId, id))
      .orderBy(asc(contacts.date));
    expect(dates.map((d) => d.date)).toEqual(["2026-03-02", "2026-06-08"]);
    const arijs = await db
      .select({ date: arijAssessments.date })
      .from(arijAssessments)
      .where(eq(arijAssessments.caseId, id))
      .orderBy(asc(arijAssessments.date));
    expect(arijs.map((a) => a.date)).toEqual(["2026-02-16", "2026-06-01"]);
    const events = await db
      .select({ on: caseEvents.on, phase: caseEvents.phase })
      .from(caseEvents)
      .where(eq(caseEvents.caseId, id))
      .orderBy(asc(caseEvents.id));
    expect(events.at(-1)).toEqual({ on: TODAY, phase: "crt" });
    expect(events.length).toBeGreaterThanOrEqual(2);
    // The contact deadline follows the newer contact: the deadlines were rebuilt for this case.
    const due = await db
      .select({ due: deadlines.due })
      .from(deadlines)
      .where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "contact")));
    expect(due[0]?.due ?? "", "contact due after the newer contact").toMatch(/^2026-(0[7-9]|1[0-2])-/);
  });

  it("sends statements per batch, not per row, also when every case changes", async () => {
    const run = async (n: number) => {
      await emptyTables(db, ["cases", "case_events", "contacts", "arij_assessments", "deadlines"]);
      const start = statements.count;
      summaryOf(
        await importCsv(ctx, null, "cases", casesFile(n, { contact: "2026-06-01", arij: "2026-05-20" })),
      );
      const first = statements.count - start;
      // Every case moves to the CRT, with a newer contact: n updates and n new contacts.
      const moved = casesFile(n, { contact: "2026-06-08", arij: "2026-05-20", phase: () => "crt" });
      const before = statements.count;
      expect(summaryOf(await importCsv(ctx, null, "cases", moved))).toMatchObject({ updated: n });
      return { first, again: statements.count - before };
    };
    const one = await run(CASE_BATCH);
    const three = await run(3 * CASE_BATCH);
    // Two more batches cost a few dozen statements at most; one per row would be 2,000 more.
    expect(three.first - one.first).toBeLessThan(60);
    expect(three.again - one.again).toBeLessThan(60);
    expect(three.again).toBeLessThan(100);
  });
});

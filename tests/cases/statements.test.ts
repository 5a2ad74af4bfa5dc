import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedBench } from "../../bench/seedBench.ts";
import { runText, submitForm } from "../../commands/dispatch.ts";
import { rowsOf, type StatementCounter } from "../../db/client.ts";
import { verifyAuditChain } from "../../src/cases/auditTrail.ts";
import { findPersonByPlatformId } from "../../src/cases/identity.ts";
import { refreshPrioritiesDaily } from "../../src/cases/priorityStore.ts";
import { enqueueReminders } from "../../src/jobs/reminderSweep.ts";
import { buildDigests } from "../../src/jobs/runs.ts";
import { testContext, testDatabase } from "../support/db.ts";

// A command costs a fixed number of SQL statements, whatever the organisation's size: the same
// steps on an organisation of 100 cases and one of 3,000 (with the same people and the same number
// of deadlines around today) send exactly as many statements to the database.

const TODAY = "2026-06-15"; // a Monday
const HOT = 60; // cases with deadlines around today, in both organisations
const USER = "U2"; // person 2 owns case B-0000001 in the bench organisation
const CASE = "B-0000001";

type Org = Awaited<ReturnType<typeof organisation>>;

async function organisation(total: number) {
  const database = await testDatabase();
  const ctx = testContext(database.db, TODAY);
  await seedBench(ctx, database.db, total, HOT, TODAY);
  await database.db.execute(sql`analyze`);
  return { ...database, ctx };
}

/** Statements of one step as a platform runs it: who is this, then the command. */
async function statementsOf(
  org: Org,
  step: (who: NonNullable<Awaited<ReturnType<typeof findPersonByPlatformId>>>) => Promise<unknown>,
) {
  const counter: StatementCounter = org.statements;
  const before = counter.count;
  const who = await findPersonByPlatformId(org.ctx, "slack", USER);
  if (!who) throw new Error(`no person ${USER}`);
  const outcome = await step(who);
  return { statements: counter.count - before, outcome: JSON.stringify(outcome) };
}

class Rollback extends Error {}

async function steps(org: Org) {
  const out: Record<string, number> = {};
  // The day's priority refresh (once per day, a batch over all open cases) is the day's job, not
  // a command's cost: it is done before counting.
  await refreshPrioritiesDaily(org.ctx.db, org.ctx);
  const run = async (name: string, text: string) => {
    const { statements, outcome } = await statementsOf(org, (who) => runText(org.ctx, who, "slack", text));
    expect(outcome).not.toContain("ZCH-"); // no unexpected error
    out[name] = statements;
  };
  await run("zaak", `zaak ${CASE}`);
  await run("werkvoorraad", "werkvoorraad");
  await run("help", "help");
  await run("mijn", "mijn");
  await run("contact (form)", `contact ${CASE}`);
  const submitted = await statementsOf(org, (who) =>
    submitForm(
      org.ctx,
      who,
      "slack",
      "contact",
      { date: TODAY, kind: "kind_face_to_face", newConcerns: "nee" },
      CASE,
    ),
  );
  expect(submitted.outcome).toContain("Contact geregistreerd");
  out["contact (submit)"] = submitted.statements;

  let before = org.statements.count;
  await buildDigests(org.ctx, TODAY, false);
  out.digest = org.statements.count - before;
  before = org.statements.count;
  await org.db
    .transaction(async (tx) => {
      await enqueueReminders(tx, org.ctx, TODAY, ["slack"]);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  out.sweep = org.statements.count - before;
  return out;
}

let small: Org;
let large: Org;

beforeAll(async () => {
  small = await organisation(100);
  large = await organisation(3000);
});

afterAll(async () => {
  await small?.close();
  await large?.close();
});

it("sends as many statements per command, form, digest and sweep on 3,000 cases as on 100", async () => {
  const few = await steps(small);
  const many = await steps(large);
  expect(many).toEqual(few);
  // And a command costs a few statements, not dozens: the case card is one statement, and a read
  // adds four for its row in the hash-chained read log (begin, chain lock with its end, insert,
  // commit). A recorded contact: who, the case locked with the person, the contact, the case's
  // facts, the deadline rewrite, the chain and the audit row, in one transaction.
  expect(few.zaak).toBeLessThanOrEqual(6);
  expect(few["contact (submit)"]).toBeLessThanOrEqual(9);
  for (const step of ["werkvoorraad", "help", "mijn", "contact (form)", "contact (submit)"])
    expect(few[step]).toBeLessThanOrEqual(20);
});

it("fifty people opening a case at the same moment: fifty rows in one unbroken read log, written together", async () => {
  const who = await findPersonByPlatformId(small.ctx, "slack", USER);
  if (!who) throw new Error(`no person ${USER}`);
  const read = () => runText(small.ctx, who, "slack", `zaak ${CASE}`);
  await read();
  const readsBefore = await readRows(small);
  let before = small.statements.count;
  await read();
  const alone = small.statements.count - before;

  before = small.statements.count;
  const cards = await Promise.all(Array.from({ length: 50 }, read));
  const together = small.statements.count - before;

  for (const card of cards) expect(JSON.stringify(card)).toContain(CASE);
  expect((await readRows(small)) - readsBefore).toBe(51);
  expect(await verifyAuditChain(small.ctx, { operator: "test", via: "cli" })).toMatchObject({ ok: true });
  // Fifty reads alone would cost fifty log transactions; together they share a few.
  expect(together).toBeLessThan(50 * alone * 0.5);
});

async function readRows(org: Org): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await org.db.execute(sql`select count(*)::int as n from audit_log where action = 'zaak_ingezien'`),
  );
  return row?.n ?? 0;
}

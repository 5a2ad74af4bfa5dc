import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, rowsOf } from "../../db/client.ts";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// Issue 12: the hash chain shows an edited or deleted row, but not a log emptied by TRUNCATE or cut
// off at its end: the rows that remain still form a valid chain. The head of the chain is kept
// apart from the rows, so `zicht audit verify` notices what is missing; TRUNCATE is refused outright.
const FIXTURE = "tests/fixtures/due";
let store: CliStore;

async function asDba<T>(
  work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(
    store.env.DATABASE_URL ? { url: store.env.DATABASE_URL } : { dataDir: store.env.ZICHT_DATA_DIR },
  );
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  store = await freshStore();
  for (const kind of ["teams", "people", "cases"]) {
    const r = await runCli(["import", kind, `${FIXTURE}/${kind}.csv`], store.env);
    expect(r.code).toBe(0);
  }
  for (const z of ["F-1", "F-2", "F-3"]) await runCli(["case", "show", z], store.env);
});
afterAll(async () => store.dispose());

it("refuses TRUNCATE of the audit log", async () => {
  await asDba(async (db) => {
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [n] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_log`));
    expect(n?.n).toBeGreaterThan(0);
  });
});

it("notices a log whose last rows were deleted with the triggers switched off", async () => {
  const ok = await runCli(["audit", "verify"], store.env);
  expect(ok.stdout).toContain("in orde");
  const last = await asDba(async (db) => {
    const ids = rowsOf<{ id: number }>(
      await db.execute(sql`select id from audit_log order by id desc limit 3`),
    );
    // The verify run itself appended a row; the last three, ending with it, disappear.
    await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await db.execute(sql`delete from audit_log where id >= ${Number(ids[2]?.id)}`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    return Number(ids[0]?.id);
  });
  const cut = await runCli(["audit", "verify"], store.env);
  expect(cut.code).toBe(1);
  expect(cut.stderr).toContain("NIET in orde");
  expect(cut.stderr).toContain(`regel ${last}`);
  expect(cut.stderr).toContain("ontbreken");
});

it("notices a log emptied with the truncate guard switched off", async () => {
  await asDba(async (db) => {
    const triggers = rowsOf<{ tgname: string }>(
      await db.execute(
        sql`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal`,
      ),
    );
    for (const t of triggers) await db.execute(sql.raw(`alter table audit_log disable trigger ${t.tgname}`));
    await db.execute(sql`truncate audit_log`);
    for (const t of triggers) await db.execute(sql.raw(`alter table audit_log enable trigger ${t.tgname}`));
  });
  const emptied = await runCli(["audit", "verify"], store.env);
  expect(emptied.code).toBe(1);
  expect(emptied.stderr).toContain("NIET in orde");
  expect(emptied.stderr).toContain("ontbreken");
});

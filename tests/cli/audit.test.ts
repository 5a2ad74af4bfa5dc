import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// The privacy officer's answers at the command line: who saw this case, and is the log intact.
const FIXTURE = "tests/fixtures/due";

let store: CliStore;

/** The store's database, opened directly: what a DBA with access to the server could do. */
async function openStore() {
  const database = await openDatabase(
    store.env.DATABASE_URL ? { url: store.env.DATABASE_URL } : { dataDir: store.env.ZICHT_DATA_DIR },
  );
  return database;
}

beforeAll(async () => {
  store = await freshStore();
  for (const kind of ["teams", "people", "cases"]) {
    const r = await runCli(["import", kind, `${FIXTURE}/${kind}.csv`], store.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
});

afterAll(async () => {
  await store.dispose();
});

describe("zicht import cases with a BSN as zaaknummer", () => {
  it("fails, names the line, does not echo the number, and writes nothing", async () => {
    const dir = store.env.ZICHT_DATA_DIR ?? "/tmp";
    const file = join(dir, `bsn-${Date.now()}.csv`);
    writeFileSync(
      file,
      [
        "zaaknummer;maatregel;ontvangen_op;fase;team",
        "F-9;ots;2026-04-01;aangemeld;CCPX",
        "111222333;ots;2026-04-01;aangemeld;CCPX",
      ].join("\n"),
    );
    const r = await runCli(["import", "cases", file], store.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("regel 3");
    expect(r.stderr).toContain("zaaknummer");
    expect(r.stderr).toContain("11-proef");
    expect(r.stderr).not.toContain("111222333");
    // All or nothing: the good line 2 was not written either.
    const shown = await runCli(["case", "show", "F-9"], store.env);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain("niet gevonden");
  });
});

describe("zicht case show, then zicht audit --zaak", () => {
  it("lists that read with via cli, in the agreed JSON shape, and exports CSV", async () => {
    const shown = await runCli(["case", "show", "F-1"], store.env);
    expect(shown.code).toBe(0);
    const r = await runCli(["audit", "--zaak", "F-1", "--json"], store.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const read = rows.find((row) => row.action === "zaak_ingezien");
    expect(read).toMatchObject({ via: "cli", zaaknummers: ["F-1"], onBehalfOf: null });
    expect(Object.keys(read ?? {}).sort()).toEqual(
      ["action", "at", "onBehalfOf", "person", "via", "zaaknummers"].sort(),
    );
    expect(typeof read?.person).toBe("string");
    // The import that created the case is there too, before the read.
    expect(rows.map((row) => row.action)).toEqual(expect.arrayContaining(["import_cases", "zaak_ingezien"]));

    const csv = await runCli(["audit", "--zaak", "F-1", "--csv"], store.env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("tijdstip;persoon;namens;handeling;soort_toegang;uitkomst;zaaknummers;via");
    expect(
      lines.some((l) =>
        /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2};.*;zaak_ingezien;lezen;gelukt;F-1;cli$/.test(l),
      ),
    ).toBe(true);
  });

  it("refuses a zaaknummer that is a name, in Dutch, without echoing it", async () => {
    const r = await runCli(["audit", "--zaak", "JanDeVries", "--json"], store.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("zaaknummer");
    expect(r.stderr).not.toContain("JanDeVries");
  });
});

describe("zicht audit verify", () => {
  it("passes on an untouched log and names the row someone edited directly in the database", async () => {
    const ok = await runCli(["audit", "verify"], store.env);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("in orde");

    const database = await openStore();
    let edited = 0;
    try {
      const rows = await database.db.execute(
        sql`select id from audit_log where action = 'zaak_ingezien' order by id limit 1`,
      );
      edited = Number((Array.isArray(rows) ? rows : (rows as { rows: { id: number }[] }).rows)[0]?.id);
      // A DBA can switch the append-only trigger off; the hash chain still tells.
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await database.db.execute(sql`update audit_log set via = 'slack' where id = ${edited}`);
      await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    } finally {
      await database.close();
    }
    expect(edited).toBeGreaterThan(0);
    const broken = await runCli(["audit", "verify"], store.env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`regel ${edited} `);
    expect(broken.stderr).toContain("NIET in orde");
  });
});

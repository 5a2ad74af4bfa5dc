import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import type { CaseContext } from "../../src/cases/context.ts";
import { importCsv } from "../../src/cases/import/index.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Issue 15 item 11: a Latin-1 file was silently mangled ("Müller" stored as "M�ller"), and
// formula-like names (=, +, -, @ at the start: a spreadsheet runs them when the list is opened
// again) and names with a line break were accepted.

const TEAMS = "code;naam;soort\nT1;Team Noord;regulier\n";
let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  ctx = testContext(db, "2026-11-23");
  const r = await importCsv(ctx, null, "teams", new TextEncoder().encode(TEAMS));
  expect(r.ok).toBe(true);
});
afterAll(async () => close());

const count = async () => (await db.select().from(people)).length;

it("refuses a file that is not UTF-8, naming the line, and writes nothing", async () => {
  const latin1 = Buffer.from(
    "code;naam;rol;team;fte\npb-1;Pim Proef;praktijkbegeleider;T1;1\njb-1;Jet Müller;jeugdbeschermer;T1;1\n",
    "latin1",
  );
  const r = await importCsv(ctx, null, "people", latin1);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.message).toMatch(/regel 3/);
    expect(r.error.message).toMatch(/UTF-8/);
  }
  expect(await count()).toBe(0);
});

it("reads the same file as UTF-8, with or without a byte order mark", async () => {
  const text = "code;naam;rol;team;fte\njb-1;Jet Müller;jeugdbeschermer;T1;1\n";
  const r = await importCsv(
    ctx,
    null,
    "people",
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  );
  expect(r.ok).toBe(true);
  const [p] = await db.select({ name: people.name }).from(people);
  expect(p?.name).toBe("Jet Müller");
});

it.each(['=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)", '"Jan\nde Vries"'])(
  "refuses the name %j at its line and column",
  async (name) => {
    const before = await count();
    const csv = `code;naam;rol;team;fte\npb-9;Piet Goed;praktijkbegeleider;T1;1\npb-8;${name};praktijkbegeleider;T1;1\n`;
    const r = await importCsv(ctx, null, "people", new TextEncoder().encode(csv));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/regel 3, kolom naam/);
    expect(await count()).toBe(before);
  },
);

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// Issue 15 item 11 at the command line: the file's bytes are checked (a Latin-1 file is refused
// with its line), and every row error is printed once — it was printed in the summary and again
// in the list below it, each time with "regel N" twice.
let store: CliStore;
let dir = "";

beforeAll(async () => {
  store = await freshStore();
  dir = store.env.ZICHT_DATA_DIR ?? "/tmp";
  const r = await runCli(["import", "teams", "tests/fixtures/due/teams.csv"], store.env);
  expect(r.code).toBe(0);
});
afterAll(async () => store.dispose());

const occurrences = (text: string, part: string) => text.split(part).length - 1;

it("refuses a Latin-1 file, naming the line, in Dutch", async () => {
  const file = join(dir, `latin1-${Date.now()}.csv`);
  writeFileSync(
    file,
    Buffer.from(
      "code;naam;rol;team;fte\npb-1;Pim Proef;praktijkbegeleider;T1;1\njb-1;Jet Müller;jeugdbeschermer;T1;1\n",
      "latin1",
    ),
  );
  const r = await runCli(["import", "people", file], store.env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("regel 3");
  expect(r.stderr).toContain("UTF-8");
});

it("prints each row's error once", async () => {
  const file = join(dir, `formula-${Date.now()}.csv`);
  writeFileSync(
    file,
    "code;naam;rol;team;fte\npb-1;=1+1;praktijkbegeleider;T1;1\njb-1;@SUM(A1);jeugdbeschermer;T1;1\n",
  );
  const r = await runCli(["import", "people", file], store.env);
  expect(r.code).toBe(1);
  expect(occurrences(r.stderr, "regel 2")).toBe(1);
  expect(occurrences(r.stderr, "regel 3")).toBe(1);
  expect(r.stderr).toContain("formule");
});

it("lists the first 50 row errors of a broken file and counts the rest", async () => {
  const file = join(dir, `broken-${Date.now()}.csv`);
  const rows = Array.from({ length: 120 }, (_, i) => `p-${i};Persoon ${i};baas;T1;1`);
  writeFileSync(file, `code;naam;rol;team;fte\n${rows.join("\n")}\n`);
  const r = await runCli(["import", "people", file], store.env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("120 regels");
  expect(occurrences(r.stderr, "kolom rol")).toBe(50);
  expect(r.stderr).toContain("regel 51, kolom rol");
  expect(r.stderr).not.toContain("regel 52,");
  expect(r.stderr).toContain("en nog 70 fouten");
});

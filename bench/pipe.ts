import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../db/client.ts";
import { createContext } from "../src/cases/context.ts";
import { DEFAULT_POLICY } from "../src/domain/policy.ts";
import { seedBench } from "./seedBench.ts";

// npm run bench -- pipe: issue 11's contract that `zicht due --json` stays whole through a pipe on
// a large organisation. 100,000 cases, every deadline due by 2030, read by `node` from the pipe.
// Linux pipes block the writer, so a unit test cannot show a cut; this runs the real shell line.

const TOTAL = Number(process.env.BENCH_PIPE_CASES ?? 100_000);
const DAY = "2026-06-15";
const dir = mkdtempSync(join(tmpdir(), "zicht-pipe-"));
const dataDir = join(dir, "data");
try {
  const database = await openDatabase({ dataDir });
  await database.migrate();
  const ctx = createContext(database.db, DEFAULT_POLICY, () => new Date(`${DAY}T10:00:00Z`));
  await seedBench(ctx, database.db, TOTAL, 1000, DAY);
  await database.close();

  const start = performance.now();
  const out = execFileSync(
    "bash",
    [
      "-o",
      "pipefail",
      "-c",
      `npx tsx src/cli.ts due --date 2030-01-01 --json | node -e 'const t=require("fs").readFileSync(0,"utf8"); const a=JSON.parse(t); console.log(JSON.stringify({items:a.length,bytes:Buffer.byteLength(t)}))'`,
    ],
    { env: { ...process.env, ZICHT_DATA_DIR: dataDir, LOG_LEVEL: "silent" }, maxBuffer: 1 << 20 },
  );
  const { items, bytes } = JSON.parse(out.toString()) as { items: number; bytes: number };
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  process.stdout.write(
    `due --json through a pipe, ${TOTAL.toLocaleString("en")} cases: ${items.toLocaleString("en")} items, ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MiB, parsed whole by the reader in ${seconds} s\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { addDays } from "../src/domain/dates.ts";

// npm run bench -- import: issue 15 item 11's target, 100,000 cases in under 60 s and 300 MB. The
// real command line (`npm run zicht -- import cases FILE`, without npm in front) runs as a child
// process under /usr/bin/time, which reports its wall time and peak RSS: the largest single
// process's, all threads included (tsx's esbuild service is a process of its own).
// On PGlite in a fresh folder and, with BENCH_DATABASE_URL, on a fresh database of that server.
// The same file is imported a second time: it must change nothing, and should be fast too.

const SIZES = (process.env.BENCH_IMPORT_SIZES ?? "10000,100000").split(",").map(Number);
const TIMEOUT_S = Number(process.env.BENCH_IMPORT_TIMEOUT ?? 900);
const DAY = "2026-06-15";
const PEOPLE = 400;
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "zicht-import-"));

const TEAMS = "code;naam;soort\nR1;Regio 1;regulier\nR2;Regio 2;regulier\nCRT;CRT;crt\nCCP;CCP;ccp\n";

function peopleCsv(): string {
  const lines = ["code;naam;rol;team;fte"];
  for (let i = 1; i <= PEOPLE; i++) {
    const role = i % 50 === 0 ? "praktijkbegeleider" : "jeugdbeschermer";
    lines.push(`p${i};Medewerker ${i};${role};${i % 2 === 0 ? "R1" : "R2"};1`);
  }
  return `${lines.join("\n")}\n`;
}

const HEADER =
  "zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;geboortejaren;laatste_contact;laatste_arij;arij_risico;contactfrequentie_weken;directe_onveiligheid";
const MEASURES = ["ots", "voogdij", "jr", "ots", "vots"];
const RISKS = ["laag", "middelmatig", "hoog"];

/** A varied organisation: most cases in regulier with an owner, contacts and an ARIJ; some new. */
function casesCsv(total: number): string {
  const lines = [HEADER];
  for (let g = 1; g <= total; g++) {
    const received = addDays(DAY, -(30 + (g % 700)));
    const phase = g % 20 === 0 ? "aangemeld" : g % 20 === 1 ? "ccp" : g % 10 === 5 ? "crt" : "regulier";
    const team =
      phase === "aangemeld" || phase === "ccp" ? "CCP" : phase === "crt" ? "CRT" : `R${1 + (g % 2)}`;
    const owner = phase === "regulier" ? `p${1 + (g % PEOPLE)}` : "";
    const seen = phase === "regulier" || phase === "crt";
    const contact = seen ? addDays(DAY, -(1 + (g % 25))) : "";
    const arij = seen && g % 3 !== 0 ? addDays(DAY, -(2 + (g % 28))) : "";
    const risk = arij ? (RISKS[g % 3] ?? "laag") : "";
    const weeks = seen && g % 7 === 0 ? "6" : "";
    const years = g % 4 === 0 ? "2012 2016" : String(2010 + (g % 15));
    lines.push(
      [
        `B-${String(g).padStart(7, "0")}`,
        MEASURES[g % MEASURES.length],
        received,
        phase,
        team,
        owner,
        years,
        contact,
        arij,
        risk,
        weeks,
        g % 97 === 0 ? "ja" : "nee",
      ].join(";"),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The command line of `npm run zicht`, as package.json says it (its node flags and --imports count
 * for the memory), run without npm in front: "node" is this node.
 */
const ZICHT: string[] = (() => {
  const script: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.zicht;
  const [program, ...rest] = script.split(/\s+/);
  if (program !== "node") throw new Error(`package.json "zicht" no longer starts with node: ${script}`);
  return [process.execPath, ...rest];
})();

interface Run {
  seconds: number;
  peakMb: number;
  output: string;
}

function cli(env: NodeJS.ProcessEnv, args: string[]): Run {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: "silent" };
  // An empty value unsets: the PGlite runs must not inherit a DATABASE_URL.
  for (const [key, value] of Object.entries(full)) if (value === "") delete full[key];
  const r = spawnSync("/usr/bin/time", ["-f", "BENCH_TIME %e %M", ...ZICHT, "--date", DAY, ...args], {
    cwd: root,
    env: full,
    timeout: TIMEOUT_S * 1000,
  });
  const stderr = r.stderr?.toString() ?? "";
  const match = /BENCH_TIME ([\d.]+) (\d+)/.exec(stderr);
  if (r.status !== 0 || !match) {
    throw new Error(
      `zicht ${args.join(" ")} failed (status ${r.status}, signal ${r.signal}):\n${stderr.slice(-2000)}`,
    );
  }
  return {
    seconds: Number(match[1]),
    peakMb: Math.round(Number(match[2]) / 1024),
    output: r.stdout.toString().trim(),
  };
}

interface Target {
  name: string;
  /** A fresh, empty database for one size; dispose removes it. */
  open(size: number): Promise<{ env: NodeJS.ProcessEnv; dispose(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: "PGlite",
    open: async (size) => {
      const dataDir = join(dir, `data-${size}`);
      return {
        env: { ZICHT_DATA_DIR: dataDir, DATABASE_URL: "" },
        dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
];
const server = process.env.BENCH_DATABASE_URL;
if (server) {
  targets.push({
    name: "PostgreSQL",
    open: async (size) => {
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      const name = `zicht_bench_import_${process.pid}_${size}`;
      await admin.unsafe(`create database ${name}`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return {
        env: { DATABASE_URL: url.toString() },
        dispose: async () => {
          await admin.unsafe(`drop database ${name} with (force)`);
          await admin.end({ timeout: 5 });
        },
      };
    },
  });
}

const results: Record<string, string | number>[] = [];
try {
  writeFileSync(join(dir, "teams.csv"), TEAMS);
  writeFileSync(join(dir, "people.csv"), peopleCsv());
  for (const size of SIZES) {
    const file = join(dir, `cases-${size}.csv`);
    writeFileSync(file, casesCsv(size));
    for (const target of targets) {
      const db = await target.open(size);
      try {
        cli(db.env, ["migrate"]);
        cli(db.env, ["import", "teams", join(dir, "teams.csv")]);
        cli(db.env, ["import", "people", join(dir, "people.csv")]);
        // What any command costs before it does anything (loading the app, opening the database).
        const idle = cli(db.env, ["migrate"]);
        const first = cli(db.env, ["import", "cases", file]);
        const again = cli(db.env, ["import", "cases", file]);
        const nothing = new RegExp(`0 nieuw, 0 bijgewerkt, ${size} ongewijzigd`).test(again.output);
        results.push({
          database: target.name,
          cases: size,
          "startup s": idle.seconds,
          "startup MB": idle.peakMb,
          "first s": first.seconds,
          "first MB": first.peakMb,
          "again s": again.seconds,
          "again MB": again.peakMb,
          "again changed nothing": nothing ? "yes" : `NO: ${again.output}`,
        });
        process.stdout.write(
          `${target.name} ${size}: ${first.seconds} s, ${first.peakMb} MB (${first.output}) | again: ` +
            `${again.seconds} s, ${again.peakMb} MB (${again.output})\n`,
        );
      } finally {
        await db.dispose();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.table(results);

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type App, openApp } from "./app.ts";
import { capacityOverview } from "./cases/capacityOverview.ts";
import { showCase } from "./cases/caseCard.ts";
import { listDue } from "./cases/dueList.ts";
import { importCsv } from "./cases/import/index.ts";
import type { Result } from "./cases/result.ts";
import { listWerkvoorraad } from "./cases/werkvoorraad.ts";
import {
  describeRun,
  formatCapacity,
  formatCaseCard,
  formatDigest,
  formatDue,
  formatOutbox,
  formatReminders,
  formatWerkvoorraad,
} from "./cli/format.ts";
import { loadConfig, scheduleSettings } from "./config.ts";
import { isEmpty } from "./demo.ts";
import { isIsoDate } from "./domain/dates.ts";
import { outboxStatus } from "./jobs/outbox.ts";
import { planReminders } from "./jobs/reminderSweep.ts";
import { buildDigests, runDigest, runReminderSweep } from "./jobs/runs.ts";

const USAGE = `Gebruik: npm run zicht -- <opdracht> [opties]

  migrate                              database bijwerken (migraties)
  seed --demo                          demo-organisatie in een lege database zetten
  import teams|people|cases BESTAND    CSV importeren (alles of niets)
  case show ZAAKNUMMER                 zaakkaart
  werkvoorraad [--team CODE]           werkvoorraad op prioriteit
  capaciteit                           vrije capaciteit per team en persoon
  due --date JJJJ-MM-DD                open termijnen tot en met die datum
  reminders --date D [--dry-run]       herinneringen van die werkdag in de outbox zetten
  digest --date D [--dry-run]          weekoverzicht(en) van het CRT in de outbox zetten
  outbox                               aantallen per status, mislukte berichten met reden

Opties: --json (machineleesbaar), --date JJJJ-MM-DD (de dag die als "vandaag" geldt)`;

class UsageError extends Error {}

function out(text: string) {
  process.stdout.write(`${text}\n`);
}

/** Prints a use case's answer; a refusal goes to stderr with its Dutch message and exit code 1. */
function answer<T>(result: Result<T>, json: boolean, text: (value: T) => string): number {
  if (!result.ok) {
    const { message, fields, rows } = result.error as typeof result.error & {
      rows?: { line: number; column?: string; message: string }[];
    };
    if (json) out(JSON.stringify({ error: result.error }, null, 2));
    process.stderr.write(`${message}\n`);
    for (const [field, msg] of Object.entries(fields ?? {})) process.stderr.write(`  ${field}: ${msg}\n`);
    for (const row of rows ?? []) {
      process.stderr.write(
        `  regel ${row.line}${row.column ? `, kolom ${row.column}` : ""}: ${row.message}\n`,
      );
    }
    return 1;
  }
  out(json ? JSON.stringify(result.value, null, 2) : text(result.value));
  return 0;
}

async function run(
  app: App,
  command: string[],
  opts: { json: boolean; team?: string; dryRun: boolean },
): Promise<number> {
  const json = opts.json;
  const [verb, ...rest] = command;
  const ctx = app.ctx;
  switch (verb) {
    case "migrate":
      out("Database is bijgewerkt.");
      return 0;
    case "seed": {
      if (!(await isEmpty(app))) {
        process.stderr.write(
          "De database bevat al gegevens; de demo-organisatie wordt alleen in een lege database gezet.\n",
        );
        return 1;
      }
      const { seedDemo } = await import("../db/demo/seed.ts");
      const summary = await seedDemo(ctx.db, ctx, ctx.today());
      out(
        json
          ? JSON.stringify(summary)
          : `Demo-organisatie aangemaakt: ${summary.teams} teams, ${summary.people} medewerkers, ${summary.cases} zaken.`,
      );
      return 0;
    }
    case "import": {
      const [kind, file] = rest;
      if ((kind !== "teams" && kind !== "people" && kind !== "cases") || !file) {
        throw new UsageError("Gebruik: import teams|people|cases BESTAND");
      }
      const result = await importCsv(ctx, null, kind, readFileSync(file, "utf8"));
      return answer(
        result,
        json,
        (s) => `${s.kind}: ${s.inserted} nieuw, ${s.updated} bijgewerkt, ${s.unchanged} ongewijzigd.`,
      );
    }
    case "case": {
      if (rest[0] !== "show" || !rest[1]) throw new UsageError("Gebruik: case show ZAAKNUMMER");
      return answer(await showCase(ctx, null, { zaaknummer: rest[1] }), json, formatCaseCard);
    }
    case "werkvoorraad":
      return answer(await listWerkvoorraad(ctx, { team: opts.team }), json, formatWerkvoorraad);
    case "capaciteit":
      return answer(await capacityOverview(ctx), json, formatCapacity);
    case "due": {
      const items = await listDue(ctx.db, ctx.today());
      out(json ? JSON.stringify(items, null, 2) : formatDue(items, ctx.today()));
      return 0;
    }
    case "reminders": {
      if (opts.dryRun) {
        const planned = await planReminders(ctx.db, ctx, ctx.today());
        const rows = planned.map(({ kind, zaaknummer, recipient, due, stage }) => ({
          kind,
          zaaknummer,
          recipient,
          due,
          stage,
        }));
        out(json ? JSON.stringify(rows, null, 2) : formatReminders(rows, ctx.today()));
        return 0;
      }
      const result = await runReminderSweep(ctx, ctx.today(), scheduleSettings(app.config));
      out(json ? JSON.stringify(result) : describeRun("Herinneringen", result));
      return 0;
    }
    case "digest": {
      if (opts.dryRun) {
        const digests = await buildDigests(ctx, ctx.today(), scheduleSettings(app.config).digestToCcp);
        out(json ? JSON.stringify(digests, null, 2) : digests.map(formatDigest).join("\n\n"));
        return 0;
      }
      const result = await runDigest(ctx, ctx.today(), scheduleSettings(app.config));
      out(json ? JSON.stringify(result) : describeRun("Weekoverzicht", result));
      return 0;
    }
    case "outbox": {
      const status = await outboxStatus(ctx.db);
      out(json ? JSON.stringify(status, null, 2) : formatOutbox(status));
      return 0;
    }
    default:
      throw new UsageError(verb ? `Onbekende opdracht: ${verb}` : "Geef een opdracht.");
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      date: { type: "string" },
      team: { type: "string" },
      demo: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.date !== undefined && !isIsoDate(values.date)) {
    process.stderr.write(`--date: geen geldige datum (JJJJ-MM-DD): ${values.date}\n`);
    return 2;
  }
  if (positionals[0] === "seed" && !values.demo) {
    process.stderr.write("Gebruik: seed --demo\n");
    return 2;
  }
  // --date replays any day: the clock stands still at noon of that day in Amsterdam.
  const now = values.date ? () => new Date(`${values.date}T12:00:00+01:00`) : undefined;
  const app = await openApp(loadConfig(), now);
  try {
    return await run(app, positionals, { json: values.json, team: values.team, dryRun: values["dry-run"] });
  } finally {
    await app.close();
  }
}

/**
 * Exits once stdout has drained: on a pipe (`| jq`) writes are asynchronous, and exiting at once
 * would cut the output at the pipe's buffer (64 KiB). A write's callback runs after all earlier ones.
 */
function exitAfterDrain(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterDrain, (err) => {
  process.stderr.write(
    `${err instanceof UsageError ? `${err.message}\n\n${USAGE}` : (err as Error).message}\n`,
  );
  exitAfterDrain(err instanceof UsageError ? 2 : 1);
});

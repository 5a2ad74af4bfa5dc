import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { TZDate } from "@date-fns/tz";
import { type App, openApp } from "./app.ts";
import type { Operator } from "./cases/audit.ts";
import { auditOfCase, auditOfPerson, verifyAuditChain } from "./cases/auditTrail.ts";
import { capacityOverview } from "./cases/capacityOverview.ts";
import { showCase } from "./cases/caseCard.ts";
import { readDueList } from "./cases/dueList.ts";
import { computeFigures } from "./cases/figures.ts";
import { PLATFORMS } from "./cases/identity.ts";
import { importCsv } from "./cases/import/index.ts";
import { unlinkedPeople } from "./cases/linkedAccounts.ts";
import type { Result } from "./cases/result.ts";
import { listWerkvoorraad } from "./cases/werkvoorraad.ts";
import {
  auditCsv,
  describeRun,
  formatAuditTrail,
  formatCapacity,
  formatCaseCard,
  formatDigest,
  formatDue,
  formatGivenUp,
  formatMessage,
  formatOutbox,
  formatReminders,
  formatRequeued,
  formatWerkvoorraad,
} from "./cli/format.ts";
import { formatLinked, formatUnlinked } from "./cli/links.ts";
import { loadConfig, scheduleSettings } from "./config.ts";
import { isEmpty } from "./demo.ts";
import { isIsoDate } from "./domain/dates.ts";

/** The start of an Amsterdam calendar day as an instant (--sinds D). */
function startOfDayInAmsterdam(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, 0, 0, 0, "Europe/Amsterdam");
}

import { recordAbsenceAsOperator } from "./cases/recordAbsence.ts";
import { givenUpMessages, outboxStatus, requeueGivenUp } from "./jobs/outbox.ts";
import { planReminders } from "./jobs/reminderSweep.ts";
import { describeRetention, runRetention } from "./jobs/retention.ts";
import { figuresMessage } from "./ui/figuresView.ts";

// What only some commands need is imported inside them (`await import()`): the Slack SDK (--link),
// vega, vega-lite and resvg's WebAssembly (rapport, digest's chart) would otherwise be loaded, and
// held in memory, by every command, a 100,000-row import included.

// A command is one short process: V8 would let its heap grow to several times what is live before
// collecting (a 100,000-case import: ~190 MB of garbage over a live heap under 120 MB). A smaller
// growing factor and young generation make it collect sooner; unlike --max-old-space-size they are
// no ceiling, so a bigger job (rapport over every case) only collects more often, never runs out.
// Measured (100k-case import on PostgreSQL, load ~4): 357 -> 241-277 MB peak, 26 -> 29-32 s.
// The young generation of this thread's heap, though, is sized when node starts: set here it did
// not hold (100k import on PGlite: heap 90 MB), so package.json's "zicht" passes
// --max-semi-space-size=8 to node itself (heap 50-70 MB, peak ~320 -> 290 MB, CPU +1-3 s; 4 MB:
// 284 MB but +7 s). Here it still holds for any thread started later.
setFlagsFromString("--heap-growing-percent=20");
setFlagsFromString("--max-semi-space-size=4");

// The embedded database is Postgres compiled to WebAssembly (9 MB). V8 compiles a function first
// with its baseline compiler (Liftoff) and recompiles the hot ones with TurboFan, holding both.
// A command runs once: Liftoff's code alone is enough. Set before PGlite is loaded (it is imported
// when the database opens). Measured (PGlite on this thread, load ~5): idle command 315 -> 241 MB,
// 100k-case import peak 393 -> 341 MB, its CPU time 32 -> 36 s.
setFlagsFromString("--liftoff-only");

const USAGE = `Gebruik: npm run zicht -- <opdracht> [opties]

  migrate                              database bijwerken (migraties)
  seed --demo                          demo-organisatie in een lege database zetten
  import teams|people|cases BESTAND    CSV importeren (alles of niets)
  import people BESTAND --link         en daarna wie een e-mailadres heeft meteen koppelen (Slack)
  koppelingen                          wie nog niet aan een chatplatform gekoppeld is
  case show ZAAKNUMMER                 zaakkaart
  werkvoorraad [--team CODE]           werkvoorraad op prioriteit
  capaciteit                           vrije capaciteit per team en persoon
  due --date JJJJ-MM-DD                open termijnen tot en met die datum
  reminders --date D [--dry-run]       herinneringen van die werkdag in de outbox zetten
  afwezig CODE --van D --tot D         afwezigheid (verlof, ziekte): geen dagbericht, termijnen naar de PB
  digest --date D [--dry-run]          weekoverzicht(en) van het CRT in de outbox zetten
  outbox                               aantallen per status, mislukte berichten met reden
  outbox --mislukt                     alle opgegeven berichten: waarover, wanneer, waarom
  outbox opnieuw [--sinds D]           opgegeven berichten opnieuw in de wachtrij (sinds dag D)
         [--ook-onbevestigd]           ook berichten die misschien al zijn aangekomen
  cijfers [--peildatum D] [--van D] [--team CODE]
                                       cijfers van de werkvoorraad op een peildatum
  rapport --van D --tot D --out MAP [--team CODE] [--met-zaaknummers]
                                       halfjaarlijkse evaluatie: HTML-rapport en CSV-bestanden
  audit --zaak ZAAKNUMMER              wie deze zaak heeft ingezien of gewijzigd (--csv voor export)
  audit --persoon CODE --van D --tot D wat deze persoon heeft ingezien of gewijzigd (--csv)
  audit verify                         de hashketen van het auditlog controleren
  retentie                             bewaartermijnen nu toepassen (gebeurt ook dagelijks)

Opties: --json (machineleesbaar), --date JJJJ-MM-DD (de dag die als "vandaag" geldt)`;

class UsageError extends Error {}

/**
 * The embedded database's shared_buffers for a command: PostgreSQL's 128 MB is taken (and made
 * resident) when PGlite opens, before any query. A command reads the data once; 32 MB imported
 * 100,000 cases as fast as 128 MB (16 MB was 40% slower) and saves ~90 MB. The server keeps 128 MB.
 */
const CLI_SHARED_BUFFERS = "32MB";

function out(text: string) {
  process.stdout.write(`${text}\n`);
}

/** How many row errors of a refused file are printed. */
const ROWS_SHOWN = 50;

/** Prints a use case's answer; a refusal goes to stderr with its Dutch message and exit code 1. */
function answer<T>(result: Result<T>, json: boolean, text: (value: T) => string): number {
  if (!result.ok) {
    const { message, fields, rows } = result.error as typeof result.error & {
      rows?: { line: number; column?: string; message: string }[];
    };
    if (json) out(JSON.stringify({ error: result.error }, null, 2));
    // A file's rows: the summary line, then each row's error once (it names its line and column),
    // up to ROWS_SHOWN: a broken file of 100,000 rows needs its first errors fixed, not 100,000 lines.
    process.stderr.write(`${rows?.length ? message.split("\n")[0] : message}\n`);
    for (const [field, msg] of Object.entries(fields ?? {})) process.stderr.write(`  ${field}: ${msg}\n`);
    for (const row of (rows ?? []).slice(0, ROWS_SHOWN)) process.stderr.write(`  ${row.message}\n`);
    if (rows && rows.length > ROWS_SHOWN)
      process.stderr.write(`  … en nog ${rows.length - ROWS_SHOWN} fouten.\n`);
    return 1;
  }
  out(json ? JSON.stringify(result.value, null, 2) : text(result.value));
  return 0;
}

/** The administrator at the command line, as the audit log records them: the OS user. */
function operator(): Operator {
  let name = process.env.USER ?? "onbekend";
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep $USER
  }
  return { operator: name, via: "cli" };
}

interface CliOptions {
  json: boolean;
  csv: boolean;
  team?: string;
  dryRun: boolean;
  zaak?: string;
  persoon?: string;
  van?: string;
  tot?: string;
  peildatum?: string;
  out?: string;
  withZaaknummers: boolean;
  failed: boolean;
  since?: string;
  includeUnconfirmed: boolean;
  link: boolean;
}

async function auditCommand(app: App, rest: string[], opts: CliOptions): Promise<number> {
  const ctx = app.ctx;
  if (rest[0] === "verify") {
    const check = await verifyAuditChain(ctx, operator());
    if (opts.json) out(JSON.stringify(check));
    if (check.ok) {
      if (!opts.json)
        out(`Auditlog in orde: ${check.rows} ${check.rows === 1 ? "regel" : "regels"}, de keten klopt.`);
      return 0;
    }
    process.stderr.write(
      "brokenId" in check
        ? `Auditlog NIET in orde: regel ${check.brokenId} (${check.brokenAt}) past niet in de keten; ` +
            "die regel of de regel ervoor is gewijzigd, verwijderd of tussengevoegd.\n"
        : `Auditlog NIET in orde: aan het eind ontbreken ${check.missing} ${check.missing === 1 ? "regel" : "regels"}; ` +
            `de laatst geschreven regel is regel ${check.lastWritten}, de log eindigt ${check.lastFound ? `bij regel ${check.lastFound}` : "leeg"}.\n`,
    );
    return 1;
  }
  const access = opts.csv ? "export" : "lezen";
  let result: Awaited<ReturnType<typeof auditOfCase>>;
  if (opts.zaak !== undefined) result = await auditOfCase(ctx, operator(), { zaaknummer: opts.zaak }, access);
  else if (opts.persoon !== undefined) {
    result = await auditOfPerson(
      ctx,
      operator(),
      { person: opts.persoon, from: opts.van, to: opts.tot },
      access,
    );
  } else
    throw new UsageError(
      "Gebruik: audit --zaak ZAAKNUMMER | audit --persoon CODE --van D --tot D | audit verify",
    );
  if (result.ok && opts.csv) {
    out(auditCsv(result.value));
    return 0;
  }
  return answer(
    result.ok
      ? {
          ok: true,
          // --json rows: {"at","person","onBehalfOf","action","zaaknummers","via"}
          value: opts.json
            ? result.value.map(({ at, person, onBehalfOf, action, zaaknummers, via }) => ({
                at,
                person,
                onBehalfOf,
                action,
                zaaknummers,
                via,
              }))
            : result.value,
        }
      : result,
    opts.json,
    (rows) => formatAuditTrail(rows as Parameters<typeof formatAuditTrail>[0]),
  );
}

async function run(app: App, command: string[], opts: CliOptions): Promise<number> {
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
      const { seedDemo } = await import("./demoSeed.ts");
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
      if (opts.link && kind !== "people") throw new UsageError("--link hoort bij import people");
      // Read from disk as the import goes: a 50 MB file is never held whole.
      const result = await importCsv(ctx, operator(), kind, { path: file });
      const code = answer(
        result,
        json && !opts.link,
        (s) => `${s.kind}: ${s.inserted} nieuw, ${s.updated} bijgewerkt, ${s.unchanged} ongewijzigd.`,
      );
      if (code !== 0 || !opts.link) return code;
      const { emailDirectories } = await import("./platforms/directories.ts");
      const { linkByEmailNow } = await import("./platforms/linkByEmail.ts");
      const directories = emailDirectories(app.config);
      if (directories.length === 0) {
        process.stderr.write(
          "--link: geen platform ingesteld dat op e-mailadres kan zoeken (SLACK_BOT_TOKEN); " +
            "mensen worden gekoppeld bij hun eerste bericht.\n",
        );
        return 1;
      }
      const outcomes = [];
      for (const directory of directories) outcomes.push(await linkByEmailNow(ctx, directory));
      out(
        json
          ? JSON.stringify({ import: result.ok ? result.value : null, linked: outcomes }, null, 2)
          : formatLinked(outcomes),
      );
      return 0;
    }
    case "koppelingen": {
      const platforms = app.config.platforms.length > 0 ? app.config.platforms : [...PLATFORMS];
      const rows = await unlinkedPeople(ctx.db, platforms);
      out(json ? JSON.stringify(rows, null, 2) : formatUnlinked(rows, platforms));
      return 0;
    }
    case "case": {
      if (rest[0] !== "show" || !rest[1]) throw new UsageError("Gebruik: case show ZAAKNUMMER");
      return answer(await showCase(ctx, operator(), { zaaknummer: rest[1] }), json, formatCaseCard);
    }
    case "werkvoorraad":
      return answer(await listWerkvoorraad(ctx, { team: opts.team }, operator()), json, formatWerkvoorraad);
    case "capaciteit":
      return answer(await capacityOverview(ctx), json, formatCapacity);
    case "due": {
      const items = await readDueList(ctx, operator(), ctx.today());
      out(json ? JSON.stringify(items, null, 2) : formatDue(items, ctx.today()));
      return 0;
    }
    case "reminders": {
      const { runReminderSweep } = await import("./jobs/runs.ts");
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
    case "afwezig": {
      if (!rest[0] || !opts.van || !opts.tot) throw new UsageError("Gebruik: afwezig CODE --van D --tot D");
      const result = await recordAbsenceAsOperator(ctx, operator(), {
        person: rest[0],
        from: opts.van,
        to: opts.tot,
      });
      return answer(
        result,
        json,
        (a) => `${a.name} (${a.person}) is afwezig van ${a.from} tot en met ${a.to}.`,
      );
    }
    case "digest": {
      const { buildDigests, runDigest } = await import("./jobs/runs.ts");
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
      if (rest[0] === "opnieuw") {
        const since = opts.since ? startOfDayInAmsterdam(opts.since) : undefined;
        const n = await requeueGivenUp(ctx.db, { since, includeUnconfirmed: opts.includeUnconfirmed });
        out(json ? JSON.stringify({ requeued: n }) : formatRequeued(n));
        return 0;
      }
      if (rest.length > 0) throw new UsageError("Gebruik: outbox [--mislukt] | outbox opnieuw [--sinds D]");
      if (opts.failed) {
        const given = await givenUpMessages(ctx.db);
        out(json ? JSON.stringify(given, null, 2) : formatGivenUp(given));
        return 0;
      }
      const status = await outboxStatus(ctx.db);
      out(json ? JSON.stringify(status, null, 2) : formatOutbox(status));
      return 0;
    }
    case "cijfers": {
      const query = { peildatum: opts.peildatum, van: opts.van, team: opts.team };
      return answer(await computeFigures(ctx, null, query), json, (f) =>
        formatMessage(figuresMessage(f, ctx.policy)),
      );
    }
    case "rapport": {
      if (!opts.van || !opts.tot || !opts.out)
        throw new UsageError("Gebruik: rapport --van D --tot D --out MAP");
      const request = {
        van: opts.van,
        tot: opts.tot,
        team: opts.team,
        out: opts.out,
        withZaaknummers: opts.withZaaknummers,
      };
      const { writeReport } = await import("./reports/write.ts");
      return answer(await writeReport(ctx, operator(), request), json, (r) =>
        [
          `Rapport geschreven in ${opts.out}: ${r.files.join(", ")}.`,
          ...(opts.withZaaknummers
            ? [`Met een bijlage van ${r.zaaknummers} zaaknummers; deze export staat in het auditlog.`]
            : []),
        ].join("\n"),
      );
    }
    case "audit":
      return auditCommand(app, rest, opts);
    case "retentie": {
      const summary = await runRetention(ctx, ctx.today());
      out(json ? JSON.stringify(summary) : describeRetention(summary));
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
      peildatum: { type: "string" },
      van: { type: "string" },
      tot: { type: "string" },
      out: { type: "string" },
      "met-zaaknummers": { type: "boolean", default: false },
      demo: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      mislukt: { type: "boolean", default: false },
      sinds: { type: "string" },
      "ook-onbevestigd": { type: "boolean", default: false },
      link: { type: "boolean", default: false },
      csv: { type: "boolean", default: false },
      zaak: { type: "string" },
      persoon: { type: "string" },
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
  if (values.sinds !== undefined && !isIsoDate(values.sinds)) {
    process.stderr.write(`--sinds: geen geldige datum (JJJJ-MM-DD): ${values.sinds}\n`);
    return 2;
  }
  if (positionals[0] === "seed" && !values.demo) {
    process.stderr.write("Gebruik: seed --demo\n");
    return 2;
  }
  // --date replays any day: the clock stands still at noon of that day in Amsterdam.
  const now = values.date ? () => new Date(`${values.date}T12:00:00+01:00`) : undefined;
  const app = await openApp(loadConfig(), now, {
    pgliteSharedBuffers: CLI_SHARED_BUFFERS,
    // A command answers no one while a query runs: no worker thread needed (db/client.ts).
    pgliteOnThisThread: true,
  });
  try {
    return await run(app, positionals, {
      json: values.json,
      team: values.team,
      dryRun: values["dry-run"],
      peildatum: values.peildatum,
      van: values.van,
      tot: values.tot,
      out: values.out,
      withZaaknummers: values["met-zaaknummers"],
      failed: values.mislukt,
      since: values.sinds,
      includeUnconfirmed: values["ook-onbevestigd"],
      link: values.link,
      csv: values.csv,
      zaak: values.zaak,
      persoon: values.persoon,
    });
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

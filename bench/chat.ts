import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { runText, submitForm } from "../commands/dispatch.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { createContext } from "../src/cases/context.ts";
import { findPersonByPlatformId } from "../src/cases/identity.ts";
import { refreshPrioritiesDaily } from "../src/cases/priorityStore.ts";
import { DEFAULT_POLICY } from "../src/domain/policy.ts";
import { renderModal } from "../src/platforms/slack/blocks.ts";
import { formCard } from "../src/platforms/teams/cards.ts";
import { FakeConnector } from "../tests/support/fakeConnector.ts";
import { FakeSlackApi } from "../tests/support/fakeSlackApi.ts";
import {
  date,
  post,
  SIGNING_SECRET,
  select,
  slashCommand,
  viewSubmission,
} from "../tests/support/slackRequests.ts";
import { seedBench } from "./seedBench.ts";

// npm run bench -- chat: Zicht (a child process, on PGlite and with BENCH_DATABASE_URL on a
// PostgreSQL server) against the bare framework that only acknowledges, by 1 and 50 users in a
// closed loop (each waits for its answer before the next request):
// - Slack: signed requests, against a bare Bolt app; ack = the HTTP answer to the request,
//   answer = the message or modal arriving at the fake Slack API;
// - Teams: activities as the Bot Connector posts them, against a bare Teams SDK app, both
//   unauthenticated (no Microsoft here to sign tokens: Zicht in local mode); ack = the HTTP answer,
//   answer = the card arriving at a local Bot Connector (for a form: the card in the invoke's answer).
// BENCH_PLATFORMS=slack or =teams runs one of them.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const USERS = [1, 50];
const ANSWER_TIMEOUT_MS = 15_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const today = format(new TZDate(Date.now(), "Europe/Amsterdam"), "yyyy-MM-dd");

interface Target {
  name: string;
  platform: "slack" | "teams";
  url: string;
  /** The bare app only acknowledges: there is no answer to wait for. */
  answers: boolean;
}

interface User {
  slackId: string;
  zaaknummer: string;
  /** The contact form as Zicht opens it for this user's case. */
  contactView: ReturnType<typeof renderModal>;
  /** Their Entra object id: Teams names them by it. */
  aad: string;
  /** The contact form's submit data as Teams sends it for their case (without the answers). */
  teamsSubmit: Record<string, unknown>;
}

type Step = "zaak" | "werkvoorraad" | "help" | "formulier";
const ALL_STEPS: Step[] = ["zaak", "werkvoorraad", "help", "formulier"];
const STEPS = (process.env.BENCH_STEPS?.split(",") ?? ALL_STEPS).filter((s): s is Step =>
  ALL_STEPS.includes(s as Step),
);

// --- waiting for answers at the fake Slack API -------------------------------------------------

const fake = await new FakeSlackApi().start();
const waiting = new Map<string, (body: unknown) => void>();
fake.onCall((call) => {
  const key =
    call.method === "response_url"
      ? `respond:${call.path}`
      : call.method === "chat.postMessage"
        ? `dm:${String(call.body.channel)}`
        : null;
  const resolve = key ? waiting.get(key) : undefined;
  if (key && resolve) {
    waiting.delete(key);
    resolve(call.body);
  }
  fake.clear(); // the bench keeps no history
});

// Teams answers arrive at a local Bot Connector as activities in the person's 1:1 chat.
const connector = await new FakeConnector().start();
connector.onCall((call) => {
  const resolve = waiting.get(`teams:${call.conversationId}`);
  if (resolve) {
    waiting.delete(`teams:${call.conversationId}`);
    resolve(call.activity);
  }
  connector.clear();
});

/** The body of the answer that arrives under `key`, or null after the timeout. */
function answerAt(key: string): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(key);
      resolve(null);
    }, ANSWER_TIMEOUT_MS);
    waiting.set(key, (body) => {
      clearTimeout(timer);
      resolve(body);
    });
  });
}

// --- child processes ---------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

function startChild(script: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const started = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = ready.exec(output);
      if (m) resolve(m[1] ?? "");
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
  return { child, started };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

// --- the organisation --------------------------------------------------------------------------

interface Prepared {
  env: Record<string, string>;
  users: User[];
  statements: Record<string, number>;
  cleanup(): Promise<void>;
}

/** Persons 2..56 skipping every tenth own case g = k - 1 + 400 (seedBench gives case g to person 1 + g % 400). */
function benchUsers(): { personId: number; zaaknummer: string }[] {
  const out: { personId: number; zaaknummer: string }[] = [];
  for (let k = 2; out.length < Math.max(...USERS); k++) {
    if ((k - 1) % 10 === 0) continue;
    out.push({ personId: k, zaaknummer: `B-${String(k - 1 + 400).padStart(7, "0")}` });
  }
  return out;
}

/** The data of a form card's submit button, as Teams sends it back with the inputs' values. */
function submitData(card: ReturnType<typeof formCard>): Record<string, unknown> {
  const action = card.actions?.find((a) => a.type === "Action.Execute");
  if (!action || !("data" in action) || typeof action.data !== "object" || action.data === null)
    throw new Error("the contact card has no submit button");
  return action.data as Record<string, unknown>;
}

/** Seeds the organisation, counts the statements of each step in this process, and builds the users. */
async function prepare(database: Database): Promise<{ users: User[]; statements: Record<string, number> }> {
  await database.migrate();
  const ctx = createContext(database.db, DEFAULT_POLICY, () => new Date());
  await seedBench(ctx, database.db, CASES, 1000, today);
  // The same people on Teams, by an Entra object id of their own.
  await database.db.execute(sql`
    insert into linked_accounts (person_id, platform, external_id, how)
    select id, 'teams', 'aad-' || substr(code, 2), 'import' from people`);
  await database.db.execute(sql`analyze`);
  const users: User[] = [];
  const statements: Record<string, number> = {};
  const counted = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const before = database.statements.count;
    const result = await work();
    statements[step] = database.statements.count - before;
    return result;
  };
  for (const { personId, zaaknummer } of benchUsers()) {
    const slackId = `U${personId}`;
    const who = await findPersonByPlatformId(ctx, "slack", slackId);
    if (!who) throw new Error(`bench person ${slackId} missing`);
    const opened = await runText(ctx, who, "slack", `contact ${zaaknummer}`);
    if (opened.kind !== "form") throw new Error(`contact ${zaaknummer} did not open a form`);
    users.push({
      slackId,
      zaaknummer,
      contactView: renderModal(opened.form),
      aad: `aad-${personId}`,
      teamsSubmit: submitData(formCard(opened.form)),
    });
  }
  // The day's priority refresh is the morning job's work, not the first werkvoorraad's.
  await refreshPrioritiesDaily(database.db, ctx);
  // Statements per step as the Slack adapter runs it: who is this, then the command.
  const first = users[0];
  if (!first) throw new Error("no users");
  const asSlack = async (
    work: (who: NonNullable<Awaited<ReturnType<typeof findPersonByPlatformId>>>) => Promise<unknown>,
  ) => {
    const who = await findPersonByPlatformId(ctx, "slack", first.slackId);
    if (!who) throw new Error("no person");
    await work(who);
  };
  await counted("zaak", () => asSlack((who) => runText(ctx, who, "slack", `zaak ${first.zaaknummer}`)));
  await counted("werkvoorraad", () => asSlack((who) => runText(ctx, who, "slack", "werkvoorraad")));
  await counted("help", () => asSlack((who) => runText(ctx, who, "slack", "help")));
  await counted("formulier", () =>
    asSlack((who) =>
      submitForm(
        ctx,
        who,
        "slack",
        "contact",
        { date: today, kind: "kind_face_to_face", newConcerns: "nee" },
        first.zaaknummer,
      ),
    ),
  );
  return { users, statements };
}

async function preparePglite(): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), "zicht-bench-"));
  const database = await openDatabase({ dataDir: dir });
  const { users, statements } = await prepare(database);
  await database.close();
  return {
    env: { ZICHT_DATA_DIR: dir },
    users,
    statements,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function preparePostgres(server: string): Promise<Prepared> {
  const name = `zicht_chat_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  const { users, statements } = await prepare(database);
  await database.close();
  return {
    env: { DATABASE_URL: url.toString() },
    users,
    statements,
    cleanup: async () => {
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

// --- the load ----------------------------------------------------------------------------------

interface Sample {
  ackMs: number;
  answerMs: number | null;
  failed: boolean;
}

let sequence = 0;

/** One request of `step` by `user`; resolves when it is acknowledged and (if any) answered. */
async function once(target: Target, step: Step, user: User): Promise<Sample> {
  return target.platform === "teams" ? onceTeams(target, step, user) : onceSlack(target, step, user);
}

/** A Teams activity from `user` in their 1:1 chat with the bot. */
function activity(user: User, extra: Record<string, unknown>) {
  return {
    id: `bench-${++sequence}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.url,
    channelId: "msteams",
    from: { id: `29:${user.aad}`, aadObjectId: user.aad, name: user.aad },
    recipient: { id: "28:zicht", name: "Zicht" },
    conversation: { id: `a:${user.aad}`, conversationType: "personal", tenantId: "bench" },
    channelData: { tenant: { id: "bench" } },
    ...extra,
  };
}

/**
 * Teams: a typed command is a message activity, answered by a card posted to the chat; a form
 * is an Action.Execute invoke, answered in the HTTP response (the card replaced in place).
 */
async function onceTeams(target: Target, step: Step, user: User): Promise<Sample> {
  const start = performance.now();
  const invoke = step === "formulier";
  const body = invoke
    ? activity(user, {
        type: "invoke",
        name: "adaptiveCard/action",
        value: {
          action: {
            type: "Action.Execute",
            verb: "submit",
            data: { ...user.teamsSubmit, date: today, kind: "kind_face_to_face", newConcerns: "nee" },
          },
        },
      })
    : activity(user, { type: "message", text: step === "zaak" ? `zaak ${user.zaaknummer}` : step });
  const answer = target.answers && !invoke ? answerAt(`teams:a:${user.aad}`) : Promise.resolve(null);
  const res = await fetch(`${target.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const reply = await res.text();
  const ackMs = performance.now() - start;
  const failed = res.status >= 300 || reply.includes("ZCH-");
  if (!target.answers) return { ackMs, answerMs: null, failed };
  if (invoke) return { ackMs, answerMs: ackMs, failed: failed || !reply.includes("Contact geregistreerd") };
  const call = await answer;
  const answerMs = call ? performance.now() - start : null;
  const errorShown = call ? JSON.stringify(call).includes("ZCH-") : true;
  return { ackMs, answerMs, failed: failed || errorShown };
}

async function onceSlack(target: Target, step: Step, user: User): Promise<Sample> {
  const start = performance.now();
  let body: string;
  let key: string;
  if (step === "formulier") {
    body = viewSubmission(user.slackId, user.contactView, {
      date: date(today),
      kind: select("kind_face_to_face"),
      newConcerns: select("nee"),
    });
    key = `dm:${user.slackId}`;
  } else {
    const path = `/respond/${++sequence}`;
    const text = step === "zaak" ? `zaak ${user.zaaknummer}` : step;
    body = slashCommand(user.slackId, text, `${fake.url}${path}`);
    key = `respond:${path}`;
  }
  const answer = target.answers ? answerAt(key) : Promise.resolve(null);
  const res = await post(target.url, body);
  const reply = await res.text();
  const ackMs = performance.now() - start;
  const failed = res.status !== 200 || reply.includes("errors");
  if (!target.answers) return { ackMs, answerMs: null, failed };
  const call = await answer;
  const answerMs = call ? performance.now() - start : null;
  const errorShown = call ? JSON.stringify(call).includes("ZCH-") : true;
  return { ackMs, answerMs, failed: failed || errorShown };
}

interface PhaseResult {
  ackP99: number;
  answerP50: number | null;
  answerP99: number | null;
  answersPerS: number;
  failed: number;
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function phase(target: Target, step: Step, users: User[]): Promise<PhaseResult> {
  const samples: Sample[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    users.map(async (user) => {
      while (performance.now() < until) samples.push(await once(target, step, user));
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const answers = samples.flatMap((s) => (s.answerMs === null ? [] : [s.answerMs]));
  return {
    ackP99: percentile(
      samples.map((s) => s.ackMs),
      99,
    ),
    answerP50: target.answers ? percentile(answers, 50) : null,
    answerP99: target.answers ? percentile(answers, 99) : null,
    answersPerS: (target.answers ? answers.length : samples.length) / elapsedS,
    failed: samples.filter((s) => s.failed).length,
  };
}

const median = (xs: number[]) => percentile(xs, 50);

function medianOf(results: PhaseResult[]): PhaseResult {
  const pick = (f: (r: PhaseResult) => number | null) => {
    const xs = results.map(f).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  return {
    ackP99: pick((r) => r.ackP99) ?? Number.NaN,
    answerP50: pick((r) => r.answerP50),
    answerP99: pick((r) => r.answerP99),
    answersPerS: pick((r) => r.answersPerS) ?? 0,
    failed: results.reduce((n, r) => n + r.failed, 0),
  };
}

// --- the run -----------------------------------------------------------------------------------

const bareBolt = startChild(
  "bench/bareBolt.ts",
  { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/` },
  /ready (\d+)/,
);
const bareTeamsPort = await freePort();
const bareTeams = startChild("bench/bareTeams.ts", { PORT: String(bareTeamsPort) }, /ready (\d+)/);
const floors: Record<Target["platform"], Target> = {
  slack: {
    name: "bare Bolt",
    platform: "slack",
    url: `http://127.0.0.1:${await bareBolt.started}`,
    answers: false,
  },
  teams: {
    name: "bare Teams SDK",
    platform: "teams",
    url: `http://127.0.0.1:${await bareTeams.started}`,
    answers: false,
  },
};

/** Zicht as a platform reaches it: with Slack's credentials, or for Teams unauthenticated (local mode). */
function zichtEnv(platform: Target["platform"]): Record<string, string> {
  return platform === "slack"
    ? {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_API_URL: `${fake.url}/api/`,
      }
    : {};
}

const databases: { name: string; prepare: () => Promise<Prepared> }[] = [
  { name: "PGlite", prepare: preparePglite },
];
const server = process.env.BENCH_DATABASE_URL;
if (server) databases.push({ name: "PostgreSQL", prepare: () => preparePostgres(server) });
const platforms = (process.env.BENCH_PLATFORMS ?? "slack,teams").split(",") as Target["platform"][];

const rows: Record<string, unknown>[] = [];
const statementRows: Record<string, unknown>[] = [];
let targetsMet = true;
console.log(
  `chat bench: ${CASES} cases, ${ROUNDS} rounds of ${SECONDS} s per phase, users ${USERS.join(" and ")}, ${platforms.join(" and ")}`,
);
for (const database of databases) {
  const seedStart = performance.now();
  const prepared = await database.prepare();
  console.log(`${database.name}: seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  statementRows.push({ database: database.name, ...prepared.statements });
  try {
    // One Zicht at a time: the embedded database has one process.
    for (const platform of platforms) {
      const port = await freePort();
      const zicht = startChild(
        "src/main.ts",
        {
          ...prepared.env,
          ...zichtEnv(platform),
          PORT: String(port),
          LOG_LEVEL: "warn",
          // No sweep or digest while the bench runs: they are measured by the scale bench.
          ZICHT_SWEEP_AT: "23:59",
          ZICHT_DIGEST_AT: "23:59",
          ZICHT_DISPATCH_SECONDS: "3600",
        },
        /Zicht draait op (\S+)/,
      );
      await zicht.started;
      try {
        await measure(
          database.name,
          floors[platform],
          {
            name: `Zicht ${database.name}`,
            platform,
            url: `http://127.0.0.1:${port}`,
            answers: true,
          },
          prepared.users,
        );
      } finally {
        await stopChild(zicht.child);
      }
    }
  } finally {
    await prepared.cleanup();
  }
}
await stopChild(bareBolt.child);
await stopChild(bareTeams.child);
await fake.stop();
await connector.stop();

async function measure(database: string, floor: Target, zicht: Target, everyone: User[]) {
  // Warm up both servers (JIT, connections, caches) before anything is measured.
  for (const step of STEPS) {
    for (const user of everyone.slice(0, 5)) {
      await once(floor, step, user);
      await once(zicht, step, user);
    }
  }
  for (const step of STEPS) {
    for (const n of USERS) {
      const users = everyone.slice(0, n);
      const zichtRuns: PhaseResult[] = [];
      const floorRuns: PhaseResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        floorRuns.push(await phase(floor, step, users));
        zichtRuns.push(await phase(zicht, step, users));
      }
      const z = medianOf(zichtRuns);
      const b = medianOf(floorRuns);
      const ratio = z.ackP99 / b.ackP99;
      if (n === 50 && (ratio > 1.5 || (z.answerP99 ?? Number.POSITIVE_INFINITY) >= 1000)) targetsMet = false;
      if (z.failed > 0) targetsMet = false;
      rows.push({
        platform: zicht.platform,
        database,
        step,
        users: n,
        "ack p99 ms": Math.round(z.ackP99),
        "answer p50 ms": Math.round(z.answerP50 ?? Number.NaN),
        "answer p99 ms": Math.round(z.answerP99 ?? Number.NaN),
        "answers/s": Math.round(z.answersPerS),
        "floor ack p99 ms": Math.round(b.ackP99),
        "ack / floor": Number(ratio.toFixed(2)),
        failed: z.failed,
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  }
}

console.table(rows);
console.log("Statements per step (who is this + the command), measured in process:");
console.table(statementRows);
console.log(
  `targets (50 users: ack p99 ≤ 1.5 × the bare framework (Bolt, Teams SDK), answer p99 < 1000 ms, no failures): ${targetsMet ? "met" : "NOT met"}`,
);
if (!targetsMet) process.exitCode = 1;

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { and, asc, eq } from "drizzle-orm";
import { channelBindings, linkedAccounts, people, teams } from "../../../db/schema.ts";
import type { App } from "../../app.ts";
import { dutchDate, isIsoDate } from "../../domain/dates.ts";
import type { Dispatcher } from "../../jobs/outbox.ts";
import { type JobSettings, runDigest, runReminderSweep } from "../../jobs/runs.ts";
import type { Route } from "../../server.ts";
import { ROLE_LABEL } from "../../ui/labels.ts";
import type { ConsoleClock } from "./consoleClock.ts";

// The local console: a web page on localhost that plays Microsoft Teams for a newcomer. It posts
// real activities to /api/messages and is itself the Bot Connector the Teams adapter answers to, so
// what works here works in Teams.

const page = readFileSync(new URL("./page.html", import.meta.url), "utf8");
const script = readFileSync(new URL("./page.js", import.meta.url), "utf8");
const renderer = readFileSync(
  createRequire(import.meta.url).resolve("adaptivecards/dist/adaptivecards.min.js"),
  "utf8",
);

interface ConsoleMessage {
  seq: number;
  conversation: string;
  from: "bot" | "user";
  text?: string;
  card?: unknown;
}

export interface LocalConsole {
  routes: Route[];
  /** Called once the server listens: the console becomes the Teams service URL and installs the app for everyone. */
  attach(baseUrl: string): Promise<void>;
}

const conversationOf = (code: string) => `console:${code}`;

function send(res: ServerResponse, status: number, body: unknown, type = "application/json; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

export function createLocalConsole(
  app: App,
  deps: { dispatcher: Dispatcher; settings: JobSettings; clock: ConsoleClock },
): LocalConsole {
  const messages: ConsoleMessage[] = [];
  let base = "";
  let seq = 0;
  // Activity ids are remembered across restarts (a repeated id is not run again): unique per start.
  const run = randomUUID().slice(0, 8);
  const push = (m: Omit<ConsoleMessage, "seq">) => messages.push({ ...m, seq: ++seq });

  async function staff() {
    return (
      app.database.db
        .select({
          code: people.code,
          name: people.name,
          role: people.role,
          teamsId: linkedAccounts.externalId,
          team: teams.name,
        })
        .from(people)
        .innerJoin(teams, eq(teams.id, people.teamId))
        // The console plays Teams: the demo people with a Teams account.
        .innerJoin(
          linkedAccounts,
          and(eq(linkedAccounts.personId, people.id), eq(linkedAccounts.platform, "teams")),
        )
        .orderBy(asc(teams.name), asc(people.name))
    );
  }

  async function activity(code: string, extra: Record<string, unknown>) {
    const person = (await staff()).find((p) => p.code === code);
    if (!person?.teamsId) throw new Error(`unknown person ${code}`);
    return {
      id: `console-${run}-${++seq}`,
      timestamp: new Date().toISOString(),
      channelId: "msteams",
      serviceUrl: `${base}/console/connector`,
      from: { id: `29:${code}`, aadObjectId: person.teamsId, name: person.name },
      recipient: { id: "28:zicht", name: "Zicht" },
      conversation: { id: conversationOf(code), conversationType: "personal", tenantId: "console" },
      channelData: { tenant: { id: "console" } },
      ...extra,
    };
  }

  const toBot = async (body: unknown) => {
    const res = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };

  const routes: Route[] = [
    { method: "GET", path: "/", handler: (_req, res) => send(res, 200, page, "text/html; charset=utf-8") },
    {
      method: "GET",
      path: "/console/page.js",
      handler: (_req, res) => send(res, 200, script, "text/javascript; charset=utf-8"),
    },
    {
      method: "GET",
      path: "/console/adaptivecards.js",
      handler: (_req, res) => send(res, 200, renderer, "text/javascript; charset=utf-8"),
    },
    {
      method: "GET",
      path: "/console/api/people",
      handler: async (_req, res) =>
        send(
          res,
          200,
          (await staff()).map((p) => ({
            code: p.code,
            name: p.name,
            role: ROLE_LABEL[p.role],
            team: p.team,
            conversation: conversationOf(p.code),
          })),
        ),
    },
    {
      method: "GET",
      path: "/console/api/channels",
      handler: async (_req, res) => {
        const rows = await app.database.db
          .select({ name: teams.name, channel: channelBindings.channelId })
          .from(teams)
          .innerJoin(
            channelBindings,
            and(eq(channelBindings.teamId, teams.id), eq(channelBindings.platform, "teams")),
          );
        send(res, 200, rows);
      },
    },
    {
      method: "GET",
      path: "/console/api/messages",
      handler: (req, res) => {
        const after = Number(new URL(req.url ?? "", "http://x").searchParams.get("after") ?? 0);
        send(
          res,
          200,
          messages.filter((m) => m.seq > after),
        );
      },
    },
    {
      method: "POST",
      path: "/console/api/say",
      handler: async (req, res) => {
        const { person, text } = (await json(req)) as { person: string; text: string };
        push({ conversation: conversationOf(person), from: "user", text: String(text).slice(0, 500) });
        const answer = await toBot(await activity(person, { type: "message", text }));
        send(res, answer.status === 200 ? 200 : 502, {});
      },
    },
    {
      method: "POST",
      path: "/console/api/execute",
      handler: async (req, res) => {
        const { person, data, refresh } = (await json(req)) as {
          person: string;
          data: Record<string, unknown>;
          refresh?: boolean;
        };
        // A card's refresh is the same invoke, marked as Teams marks it: asked for, not pressed.
        const answer = await toBot(
          await activity(person, {
            type: "invoke",
            name: "adaptiveCard/action",
            value: {
              action: { type: "Action.Execute", verb: refresh ? "refresh" : data.zicht, data },
              ...(refresh ? { trigger: "automatic" } : {}),
            },
          }),
        );
        const value = answer.body as { type?: string; value?: unknown };
        send(res, 200, value.type === "application/vnd.microsoft.card.adaptive" ? { card: value.value } : {});
      },
    },
    {
      method: "POST",
      path: "/console/api/dialog",
      handler: async (req, res) => {
        const { person, name, data } = (await json(req)) as {
          person: string;
          name: string;
          data: Record<string, unknown>;
        };
        if (name !== "task/fetch" && name !== "task/submit") return send(res, 400, {});
        const answer = await toBot(await activity(person, { type: "invoke", name, value: { data } }));
        const body = answer.body as { task?: { value?: { card?: { content?: unknown } } } } | undefined;
        const card = body?.task?.value?.card?.content;
        send(res, 200, card ? { card } : {});
      },
    },
    {
      method: "POST",
      path: "/console/api/today",
      handler: async (req, res) => {
        const { date } = (await json(req)) as { date: unknown };
        if (date !== undefined) {
          if (typeof date !== "string" || !isIsoDate(date))
            return send(res, 400, { error: "Kies een geldige datum." });
          deps.clock.setToday(date);
        }
        const today = app.ctx.today();
        send(res, 200, { today, label: dutchDate(today) });
      },
    },
    {
      method: "POST",
      path: "/console/api/clock",
      handler: async (req, res) => {
        const { date, job } = (await json(req)) as { date: unknown; job: unknown };
        if (typeof date !== "string" || !isIsoDate(date) || (job !== "sweep" && job !== "digest"))
          return send(res, 400, { error: "Kies een geldige datum." });
        // The chosen day becomes the console's today for everything that follows, not only this job.
        deps.clock.setToday(date);
        const result =
          job === "sweep"
            ? await runReminderSweep(app.ctx, date, deps.settings)
            : await runDigest(app.ctx, date, deps.settings);
        const sent = await deps.dispatcher.drain();
        send(res, 200, { result, sent });
      },
    },
    {
      method: "POST",
      path: "/console/connector/*",
      handler: async (req, res) => {
        const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? "");
        const activity = await json(req);
        if (match) {
          const attachments = (activity.attachments as { content: unknown }[] | undefined) ?? [];
          const conversation = decodeURIComponent(match[1] ?? "");
          if (attachments.length === 0)
            push({ conversation, from: "bot", text: String(activity.text ?? "") });
          for (const a of attachments) push({ conversation, from: "bot", card: a.content });
        }
        send(res, 200, { id: `console-activity-${seq}` });
      },
    },
    {
      // An update of a sent card (the day message after work was done): the console shows the
      // new version in the chat; it keeps no per-activity layout to replace in place.
      method: "PUT",
      path: "/console/connector/*",
      handler: async (req, res) => {
        const match = /\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)/.exec(req.url ?? "");
        const activity = await json(req);
        if (match) {
          const conversation = decodeURIComponent(match[1] ?? "");
          for (const a of (activity.attachments as { content: unknown }[] | undefined) ?? [])
            push({ conversation, from: "bot", card: a.content });
        }
        send(res, 200, { id: decodeURIComponent(match?.[2] ?? "") });
      },
    },
  ];

  return {
    routes,
    attach: async (url) => {
      base = url;
      for (const person of await staff())
        await toBot(await activity(person.code, { type: "installationUpdate", action: "add" }));
    },
  };
}

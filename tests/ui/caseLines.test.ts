import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runText } from "../../commands/dispatch.ts";
import { cases } from "../../db/schema.ts";
import type { App } from "../../src/app.ts";
import type { ActingPerson } from "../../src/cases/context.ts";
import { findPersonByPlatformId } from "../../src/cases/identity.ts";
import { buildDigests } from "../../src/jobs/runs.ts";
import { renderMessage } from "../../src/platforms/slack/blocks.ts";
import { messageCard } from "../../src/platforms/teams/cards.ts";
import { caseLine } from "../../src/ui/caseViews.ts";
import { digestMessage } from "../../src/ui/digestView.ts";
import { foundCaseMessage } from "../../src/ui/searchView.ts";
import type { Message } from "../../src/ui/view.ts";
import { itemText, message } from "../../src/ui/view.ts";
import { accountIdOf } from "../support/accounts.ts";
import { demoApp } from "../support/demoApp.ts";

// Every zaaknummer in a list Zicht shows opens its case card: in the view model each such line
// carries the action, Slack shows it as a button or a picker option, Teams as a button or a choice.

const TODAY = "2026-11-23";
let app: App;
let close: () => Promise<void>;
let everyCase: Set<string>;
const who = new Map<string, ActingPerson>();

beforeAll(async () => {
  const demo = await demoApp(TODAY);
  app = demo.app;
  close = demo.close;
  everyCase = new Set((await demo.db.select({ z: cases.zaaknummer }).from(cases)).map((r) => r.z));
  for (const code of ["pb-crt", "jb-noord-1", "ccp-1", "tm-1"]) {
    const slackId = await accountIdOf(demo.db, "slack", code);
    const person = slackId ? await findPersonByPlatformId(app.ctx, "slack", slackId) : null;
    if (person) who.set(code, person);
  }
}, 60_000);
afterAll(async () => close?.());

const casesIn = (text: string) =>
  (text.match(/[A-Z0-9][A-Z0-9/.-]*[0-9]/g) ?? []).filter((w) => everyCase.has(w));

async function answer(code: string, text: string): Promise<Message> {
  const person = who.get(code);
  if (!person) throw new Error(`no person ${code}`);
  const reply = await runText(app.ctx, person, "slack", text);
  if (reply.kind !== "message") throw new Error(`${text}: not a message`);
  return reply.message;
}

/** Lines of the message's lists that name exactly one case, with what pressing them opens. */
function caseLines(m: Message) {
  return m.blocks.flatMap((b) =>
    b.type === "list"
      ? b.items
          .map((item) => ({
            named: casesIn(itemText(item)),
            open: typeof item === "string" ? null : item.open,
          }))
          .filter((l) => l.named.length === 1)
      : [],
  );
}

/** Every (action id, value) a person can choose in the rendered message. */
function slackChoices(m: Message): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "button" && typeof n.action_id === "string")
      out.push(`${String(n.action_id).split("#")[0]}=${n.value}`);
    if (n.type === "static_select" && typeof n.action_id === "string")
      for (const o of n.options as { value: string }[])
        out.push(`${String(n.action_id).split("#")[0]}=${o.value}`);
    for (const v of Object.values(n)) walk(v);
  };
  walk(renderMessage(m).blocks);
  return out;
}

function teamsChoices(m: Message): string[] {
  const out: string[] = [];
  const card = messageCard(m) as unknown as { body: unknown[] };
  const pickers = new Map<string, string[]>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "Input.ChoiceSet" && typeof n.id === "string")
      pickers.set(
        n.id,
        (n.choices as { value: string }[]).map((c) => c.value),
      );
    if (n.type === "Action.Execute") {
      const d = n.data as { id: string; value: string; pick?: string };
      if (d.pick) for (const v of pickers.get(d.pick) ?? []) out.push(`${d.id}=${v}`);
      else out.push(`${d.id}=${d.value}`);
      return;
    }
    for (const v of Object.values(n)) walk(v);
  };
  walk(card.body);
  return out;
}

function expectEveryCaseOpens(m: Message) {
  const lines = caseLines(m);
  expect(lines.length, "the list names cases").toBeGreaterThan(0);
  const slack = new Set(slackChoices(m));
  const teams = new Set(teamsChoices(m));
  for (const l of lines) {
    const z = l.named[0]!;
    expect(l.open, `line with ${z}`).toMatchObject({ id: "zaak.open", value: z });
    expect(slack.has(`zaak.open=${z}`), `Slack opens ${z}`).toBe(true);
    expect(teams.has(`zaak.open=${z}`), `Teams opens ${z}`).toBe(true);
  }
}

describe("every zaaknummer in a list opens its case card", () => {
  it("werkvoorraad", async () => expectEveryCaseOpens(await answer("pb-crt", "werkvoorraad")));
  it("due list (herinneringen)", async () =>
    expectEveryCaseOpens(await answer("jb-noord-1", "herinneringen")));
  it("home (mijn), for a jeugdbeschermer and a PB", async () => {
    expectEveryCaseOpens(await answer("jb-noord-1", "mijn"));
    expectEveryCaseOpens(await answer("pb-crt", "mijn"));
  });
  it("weekly digest", async () => {
    const [digest] = await buildDigests(app.ctx, TODAY, false);
    expectEveryCaseOpens(digestMessage(digest!));
  });

  it("a list too long for a button per line gets Slack's picker, which still opens every case", () => {
    const long = message("Lange lijst", [
      { type: "list", items: [...everyCase].slice(0, 80).map((z) => caseLine(z, `${z} — te laat`)) },
    ]);
    expectEveryCaseOpens(long);
    expect(JSON.stringify(renderMessage(long).blocks)).toContain("static_select");
  });
  it("search results carry the case card button", () => {
    const m = foundCaseMessage({ zaaknummer: "2026-0051", measure: "ots", teamName: "Noord" });
    expect(slackChoices(m)).toContain("zaak.open=2026-0051");
    expect(teamsChoices(m)).toContain("zaak.open=2026-0051");
  });
  it("capaciteit lists people, never a zaaknummer", async () => {
    const m = await answer("tm-1", "capaciteit");
    expect(m.blocks.some((b) => b.type === "list")).toBe(true);
    expect(
      m.blocks.flatMap((b) => (b.type === "list" ? b.items.map(itemText) : [])).flatMap(casesIn),
    ).toEqual([]);
  });
});

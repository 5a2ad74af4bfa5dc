import { isDatabaseUnavailable } from "../db/unavailable.ts";
import type { ActingPerson, CaseContext } from "../src/cases/context.ts";
import { log, logUnexpected } from "../src/log.ts";
import { errorMessage, failureMessage, unknownCommandMessage } from "../src/ui/messages.ts";
import type { FormValues, Reply, SubmitReply } from "../src/ui/view.ts";
import type { Command, CommandContext } from "./command.ts";
import { COMMANDS } from "./index.ts";

// The one entry point for every platform: text typed by a person, a form they submit, a button
// they press. Unexpected errors become a message with a reference id that is also in the log.

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

function commandFor(id: string): Command | undefined {
  return byName.get(id.split(".")[0] ?? "");
}

async function guarded<T extends Reply | SubmitReply>(
  what: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T | Reply> {
  // Which command, form or button and the person's code; never what was typed (it may be refused).
  log.debug(what, "handling");
  try {
    return await work();
  } catch (err) {
    return { kind: "message", message: failureMessage(isDatabaseUnavailable(err), logUnexpected(err, what)) };
  }
}

const context = (ctx: CaseContext, person: ActingPerson, via: string): CommandContext => ({
  ctx,
  person,
  actor: { personId: person.id, via },
});

/** Dutch words people type for a command with another name. */
const ALIASES: Record<string, string> = { hulp: "help" };

/** "triage 2024-0012", "/zicht triage 2024-0012", "@Zicht triage" or a Teams "<at>Zicht</at> triage": leading noise is ignored. */
export function parseCommandText(text: string): { name: string; args: string[] } {
  const words = text
    .replace(/<at>[^<]*<\/at>/g, " ")
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  while (
    words[0] &&
    (words[0].startsWith("@") || words[0].toLowerCase() === "/zicht" || words[0] === "zicht")
  ) {
    words.shift();
  }
  const [first = "help", ...args] = words;
  const name = first.replace(/^\//, "").toLowerCase();
  return { name: ALIASES[name] ?? name, args };
}

export function runText(ctx: CaseContext, person: ActingPerson, via: string, text: string): Promise<Reply> {
  const { name, args } = parseCommandText(text);
  const command = byName.get(name);
  if (!command) return Promise.resolve({ kind: "message", message: unknownCommandMessage(name, COMMANDS) });
  return guarded({ command: name, person: person.code, via }, () =>
    command.run(context(ctx, person, via), args),
  ) as Promise<Reply>;
}

export function submitForm(
  ctx: CaseContext,
  person: ActingPerson,
  via: string,
  formId: string,
  values: FormValues,
  state: string,
): Promise<SubmitReply> {
  const command = commandFor(formId);
  if (!command?.submit)
    return Promise.resolve({
      kind: "message",
      message: errorMessage(logUnexpected(new Error(`no form ${formId}`))),
    });
  const submit = command.submit.bind(command);
  return guarded({ form: formId, person: person.code, via }, () =>
    submit(context(ctx, person, via), formId, values, state),
  ) as Promise<SubmitReply>;
}

export function runAction(
  ctx: CaseContext,
  person: ActingPerson,
  via: string,
  actionId: string,
  value: string,
): Promise<Reply> {
  const handler = commandFor(actionId)?.actions?.[actionId];
  if (!handler)
    return Promise.resolve({
      kind: "message",
      message: errorMessage(logUnexpected(new Error(`no action ${actionId}`))),
    });
  return guarded({ action: actionId, person: person.code, via }, () =>
    handler(context(ctx, person, via), value),
  ) as Promise<Reply>;
}

import { isDatabaseUnavailable } from "../db/unavailable.ts";
import type { ActingPerson, CaseContext } from "../src/cases/context.ts";
import { log, logUnexpected, newReference } from "../src/log.ts";
import { type ButtonRef, commandOf, encode } from "../src/ui/control.ts";
import {
  errorMessage,
  failureMessage,
  staleControlMessage,
  unknownCommandMessage,
} from "../src/ui/messages.ts";
import type { ControlId, FormValues, Reply, SubmitReply } from "../src/ui/view.ts";
import { type ButtonHandler, type Command, type CommandContext, type FormHandler, STALE } from "./command.ts";
import { COMMANDS } from "./index.ts";

// The one entry point for every platform: text typed by a person, a form they submit, a button
// they press. Buttons and forms are routed by their declarations (src/ui/control.ts), which the
// commands handle; a value that does not fit its declaration is answered, never run. Unexpected
// errors become a message with a reference id that is also in the log.

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/**
 * Every handled button and form by its declared id. A declaration handled twice, or by another
 * command than the one its id names, is a start-up error.
 */
function registry<H extends { id: ControlId }>(handlers: (c: Command) => readonly H[] | undefined) {
  const out = new Map<string, H>();
  for (const command of COMMANDS) {
    for (const h of handlers(command) ?? []) {
      if (out.has(h.id)) throw new Error(`${h.id} is handled twice`);
      if (commandOf(h) !== command.name) throw new Error(`${h.id} is handled by ${command.name}`);
      out.set(h.id, h);
    }
  }
  return out;
}

export const BUTTONS: ReadonlyMap<string, ButtonHandler> = registry((c) => c.buttons);
export const FORMS: ReadonlyMap<string, FormHandler> = registry((c) => c.forms);

/** A button or form value that fits no declaration: said plainly, with a reference in the log. */
function stale(what: Record<string, unknown>): Reply {
  const reference = newReference();
  log.warn({ ...what, reference }, "button or form value does not fit its declaration");
  return { kind: "message", message: staleControlMessage(reference) };
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

function context(ctx: CaseContext, person: ActingPerson, via: string): CommandContext {
  const c: CommandContext = {
    ctx,
    person,
    actor: { personId: person.id, via },
    commands: COMMANDS,
    press<T>(ref: ButtonRef<T>, value: T): Promise<Reply> {
      const handler = BUTTONS.get(ref.id);
      if (!handler) throw new Error(`no handler for ${ref.id}`);
      const reply = handler.press(c, encode(value));
      return reply === STALE ? Promise.resolve(stale({ action: ref.id })) : reply;
    },
  };
  return c;
}

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
  const handler = FORMS.get(formId);
  if (!handler)
    return Promise.resolve({
      kind: "message",
      message: errorMessage(logUnexpected(new Error(`no form ${formId.slice(0, 100)}`))),
    });
  const what = { form: handler.id, person: person.code, via };
  return guarded(what, async () => {
    const reply = await handler.submit(context(ctx, person, via), values, state);
    return reply === STALE ? stale(what) : reply;
  }) as Promise<SubmitReply>;
}

export function runAction(
  ctx: CaseContext,
  person: ActingPerson,
  via: string,
  actionId: string,
  value: string,
): Promise<Reply> {
  const handler = BUTTONS.get(actionId);
  if (!handler)
    return Promise.resolve({
      kind: "message",
      message: errorMessage(logUnexpected(new Error(`no action ${actionId.slice(0, 100)}`))),
    });
  const what = { action: handler.id, person: person.code, via };
  return guarded(what, async () => {
    const reply = await handler.press(context(ctx, person, via), value);
    return reply === STALE ? stale(what) : reply;
  }) as Promise<Reply>;
}

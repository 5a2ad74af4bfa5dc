import type { ActingPerson, Actor, CaseContext } from "../src/cases/context.ts";
import type { SlackBotScope } from "../src/manifests/slackTypes.ts";
import { type ButtonRef, decode, type FormRef } from "../src/ui/control.ts";
import type { CommandInfo } from "../src/ui/messages.ts";
import type { ControlId, FormValues, Reply, SubmitReply } from "../src/ui/view.ts";

/** What a command handler gets: the use-case context and who is acting, through which door. */
export interface CommandContext {
  ctx: CaseContext;
  actor: Actor;
  person: ActingPerson;
  /** Every command, for help texts. */
  commands: readonly CommandInfo[];
  /** Runs another command's button as if it was pressed (e.g. a reminder's "Al gedaan" opens the form). */
  press<T>(ref: ButtonRef<T>, value: T): Promise<Reply>;
}

/** A value that does not fit its button's or form's schema: an old or forged message. */
export const STALE = Symbol("stale");

/** One button a command handles, bound to its declaration (src/ui/controls/). */
export interface ButtonHandler {
  readonly id: ControlId;
  /** Reads the pressed value by the declaration's schema; STALE when it does not fit. */
  press(c: CommandContext, raw: string): Promise<Reply> | typeof STALE;
}

/** One form a command handles, bound to its declaration (src/ui/controls/). */
export interface FormHandler {
  readonly id: ControlId;
  submit(c: CommandContext, values: FormValues, rawState: string): Promise<SubmitReply> | typeof STALE;
}

/** Handles a declared button: the handler gets the value as its schema reads it. */
export function on<T>(
  ref: ButtonRef<T>,
  run: (c: CommandContext, value: T) => Promise<Reply>,
): ButtonHandler {
  return {
    id: ref.id,
    press(c, raw) {
      const value = decode(ref.value, raw);
      return value === null ? STALE : run(c, value);
    },
  };
}

/** Handles a declared form's submission: the handler gets the form's state as its schema reads it. */
export function onSubmit<T>(
  ref: FormRef<T>,
  run: (c: CommandContext, values: FormValues, state: T) => Promise<SubmitReply>,
): FormHandler {
  return {
    id: ref.id,
    submit(c, values, rawState) {
      const state = decode(ref.state, rawState);
      return state === null ? STALE : run(c, values, state);
    },
  };
}

/**
 * One chat command: everything about one user action in one file. Both platforms and both
 * manifests are built from these.
 */
export interface Command {
  /** The subcommand word, e.g. "triage" in "/zicht triage 2024-0012". */
  name: string;
  /** One Dutch line for help cards and manifests (Teams allows 128 characters). */
  description: string;
  /** e.g. "triage [ZAAKNUMMER]". */
  usage: string;
  /** Slack bot scopes this command needs beyond the base ones (the manifest asks for them). */
  slackScopes?: readonly SlackBotScope[];
  run(c: CommandContext, args: string[]): Promise<Reply>;
  /** The forms this command handles, each by its declaration (src/ui/controls/<command>.ts). */
  forms?: readonly FormHandler[];
  /** The buttons this command handles, each by its declaration (src/ui/controls/<command>.ts). */
  buttons?: readonly ButtonHandler[];
}

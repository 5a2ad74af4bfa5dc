import type { ActingPerson, Actor, CaseContext } from "../src/cases/context.ts";
import type { SlackBotScope } from "../src/manifests/slackTypes.ts";
import type { FormValues, Reply, SubmitReply } from "../src/ui/view.ts";

/** What a command handler gets: the use-case context and who is acting, through which door. */
export interface CommandContext {
  ctx: CaseContext;
  actor: Actor;
  person: ActingPerson;
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
  /** Submission of a form this command opened (form ids start with the command name). */
  submit?(c: CommandContext, formId: string, values: FormValues, state: string): Promise<SubmitReply>;
  /** Buttons this command owns, by action id (action ids start with the command name). */
  actions?: Record<string, (c: CommandContext, value: string) => Promise<Reply>>;
}

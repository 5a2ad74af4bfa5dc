import { openCaseForWork } from "../src/cases/lookups.ts";
import { caseErrorMessage, commandSyntax } from "../src/ui/messages.ts";
import type { Reply } from "../src/ui/view.ts";
import { message } from "../src/ui/view.ts";
import type { CommandContext } from "./command.ts";

// Shared by the commands that open a form on one case.

export const usageReply = (usage: string, why: string, via: string): Reply => ({
  kind: "message",
  message: message(why, [
    { type: "text", text: why },
    { type: "context", text: `Gebruik: ${commandSyntax(via, usage)}` },
  ]),
});

/** Opens `form` for the case named in args[0], or answers why it cannot be opened. */
export async function withCaseForm(
  c: CommandContext,
  args: string[],
  usage: string,
  form: (zaaknummer: string) => Reply | Promise<Reply>,
  check?: Parameters<typeof openCaseForWork>[3],
): Promise<Reply> {
  const zaaknummer = args[0];
  if (!zaaknummer) return usageReply(usage, "Noem het zaaknummer.", c.actor.via);
  const found = await openCaseForWork(c.ctx, c.actor, zaaknummer, check);
  if (!found.ok) return { kind: "message", message: caseErrorMessage(found.error) };
  return form(found.value.zaaknummer);
}

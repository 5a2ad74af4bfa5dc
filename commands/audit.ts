import { auditOfCase, auditOfPerson } from "../src/cases/auditTrail.ts";
import { addDays } from "../src/domain/dates.ts";
import { auditTrailMessage } from "../src/ui/auditView.ts";
import { parseDutchOrIsoDate } from "../src/ui/dateInput.ts";
import { caseErrorMessage } from "../src/ui/messages.ts";
import { usageReply } from "./args.ts";
import type { Command } from "./command.ts";

/** Without dates, what a person accessed in the last 30 days. */
const DEFAULT_DAYS = 30;

// The privacy officer's questions in chat (role beheerder): who read or changed this case, and
// what did this person access. Asking is itself a read in the log, as at the CLI.
export const audit: Command = {
  name: "audit",
  description: "Voor de beheerder: wie een zaak inzag of wijzigde, of wat een medewerker inzag.",
  usage: "audit ZAAKNUMMER | audit persoon CODE [VAN] [TOT]",
  async run(c, args) {
    const [first, code, ...dates] = args;
    if (!first) return usageReply(audit.usage, "Noem een zaaknummer of een medewerker.", c.actor.via);
    if (first.toLowerCase() !== "persoon") {
      const result = await auditOfCase(c.ctx, c.actor, { zaaknummer: first });
      if (!result.ok) return { kind: "message", message: caseErrorMessage(result.error) };
      const zaaknummer = first.trim();
      return {
        kind: "message",
        message: auditTrailMessage(
          `zaak ${zaaknummer}`,
          result.value,
          `zicht audit --zaak ${zaaknummer} --csv`,
        ),
      };
    }
    if (!code) return usageReply(audit.usage, "Noem de code van de medewerker.", c.actor.via);
    const today = c.ctx.today();
    const [from, to] = dates.map((d) => parseDutchOrIsoDate(d) ?? d);
    const result = await auditOfPerson(c.ctx, c.actor, {
      person: code,
      from: from ?? addDays(today, -DEFAULT_DAYS),
      to: to ?? today,
    });
    if (!result.ok) return { kind: "message", message: caseErrorMessage(result.error) };
    return {
      kind: "message",
      message: auditTrailMessage(
        `van ${code}`,
        result.value,
        `zicht audit --persoon ${code} --van … --tot … --csv`,
        true,
      ),
    };
  },
};

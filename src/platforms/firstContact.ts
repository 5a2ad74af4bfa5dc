import type { ActingPerson, CaseContext } from "../cases/context.ts";
import { findPersonByPlatformId, type PlatformName } from "../cases/identity.ts";
import { anyoneAwaitingLink, linkByEmail } from "../cases/linkedAccounts.ts";
import { log } from "../log.ts";

/**
 * The person behind a platform account. An account Zicht has not seen yet is linked on this first
 * contact when the platform tells an e-mail address (or UPN) that belongs to an unlinked person from
 * the people CSV; otherwise null, and the adapter answers with the polite refusal and nothing else.
 * `emailsOf` is asked only for an unknown account while someone awaits a link, so a linked person
 * costs one statement, as before, and a stranger at most two and one platform call.
 */
export async function recognise(
  ctx: CaseContext,
  platform: PlatformName,
  externalId: string,
  emailsOf: () => Promise<readonly (string | undefined)[]>,
): Promise<ActingPerson | null> {
  const known = await findPersonByPlatformId(ctx, platform, externalId);
  if (known) return known;
  // Nobody left to link by e-mail: the platform is not asked about a stranger at all.
  if (!(await anyoneAwaitingLink(ctx.db, platform))) return null;
  let emails: string[];
  try {
    emails = (await emailsOf()).filter((e): e is string => typeof e === "string" && e.includes("@"));
  } catch (err) {
    // The platform could not tell: refuse politely now, try again at the next message.
    log.warn({ err, platform }, "first contact: the platform did not say who this is");
    return null;
  }
  const person = await linkByEmail(ctx, platform, externalId, emails, "first_contact");
  if (person) log.info({ platform, person: person.code }, "account linked on first contact");
  // Two first requests at once: the one that lost the race finds the link the other one made.
  else if (emails.length > 0) return findPersonByPlatformId(ctx, platform, externalId);
  return person;
}

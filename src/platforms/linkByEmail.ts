import type { CaseContext } from "../cases/context.ts";
import type { PlatformName } from "../cases/identity.ts";
import { awaitingLink, linkFound } from "../cases/linkedAccounts.ts";

/** A platform that can tell which account has an e-mail address (for `import people --link`). */
export interface EmailDirectory {
  platform: PlatformName;
  /** The account id with this e-mail address, or null when the platform has none. */
  findByEmail(email: string): Promise<string | null>;
}

export interface LinkOutcome {
  platform: PlatformName;
  linked: number;
  /** Codes of the people the platform has no account for (yet). */
  notFound: string[];
}

/**
 * Links everyone with an e-mail address and no account on the platform, by asking the platform's
 * directory one address at a time (Slack allows about 50 lookups a minute; the Web API client waits).
 */
export async function linkByEmailNow(ctx: CaseContext, directory: EmailDirectory): Promise<LinkOutcome> {
  const found: { personId: number; externalId: string }[] = [];
  const notFound: string[] = [];
  for (const person of await awaitingLink(ctx.db, directory.platform)) {
    const externalId = person.email ? await directory.findByEmail(person.email) : null;
    if (externalId) found.push({ personId: person.id, externalId });
    else notFound.push(person.code);
  }
  const linked = await linkFound(ctx.db, directory.platform, found);
  return { platform: directory.platform, linked, notFound };
}

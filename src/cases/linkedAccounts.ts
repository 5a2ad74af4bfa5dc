import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { linkedAccounts, people, teams } from "../../db/schema.ts";
import { type ActingPerson, type CaseContext, loadActingPerson } from "./context.ts";
import type { PlatformName } from "./identity.ts";

// The store of linked accounts. Adapters decide how an account is recognised (an id, an e-mail
// address the platform tells them); this module only keeps the rows, for any platform by its name.

export type LinkMethod = (typeof linkedAccounts.$inferInsert)["how"];

/** E-mail addresses compare case-insensitively: "Jet@GI.nl" and "jet@gi.nl" are one mailbox. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Links the account to the active person with one of these e-mail addresses who has no account on
 * this platform yet. Null when nobody fits (or someone else already holds the account).
 */
export async function linkByEmail(
  ctx: CaseContext,
  platform: PlatformName,
  externalId: string,
  emails: readonly string[],
  how: LinkMethod,
): Promise<ActingPerson | null> {
  const wanted = [...new Set(emails.map(normaliseEmail).filter((e) => e.length > 0))];
  if (wanted.length === 0) return null;
  const [candidate] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .leftJoin(
      linkedAccounts,
      and(eq(linkedAccounts.personId, people.id), eq(linkedAccounts.platform, platform)),
    )
    .where(
      and(
        inArray(sql`lower(${people.email})`, wanted),
        eq(people.active, true),
        sql`${linkedAccounts.personId} is null`,
      ),
    )
    .orderBy(asc(people.code))
    .limit(1);
  if (!candidate) return null;
  const linked = await ctx.db
    .insert(linkedAccounts)
    .values({ personId: candidate.id, platform, externalId, how })
    .onConflictDoNothing()
    .returning({ personId: linkedAccounts.personId });
  if (linked.length === 0) return null;
  return loadActingPerson(ctx.db, candidate.id);
}

/** A person's account on a platform: the id to address them by and the adapter's chat reference. */
export async function accountOf(db: Db | Tx, personId: number, platform: PlatformName) {
  const [row] = await db
    .select({ externalId: linkedAccounts.externalId, conversation: linkedAccounts.conversation })
    .from(linkedAccounts)
    .where(and(eq(linkedAccounts.personId, personId), eq(linkedAccounts.platform, platform)));
  return row ?? null;
}

/** The account behind a platform id, for an adapter that is asked to reach it. */
export async function accountByExternalId(ctx: CaseContext, platform: PlatformName, externalId: string) {
  const [row] = await ctx.db
    .select({ personId: linkedAccounts.personId, conversation: linkedAccounts.conversation })
    .from(linkedAccounts)
    .where(and(eq(linkedAccounts.platform, platform), eq(linkedAccounts.externalId, externalId)));
  return row ?? null;
}

/** Keeps the adapter's reference to the person's direct chat, so it can reach them later. */
export async function rememberConversation(
  ctx: CaseContext,
  platform: PlatformName,
  personId: number,
  conversation: unknown,
) {
  await ctx.db
    .update(linkedAccounts)
    .set({ conversation, conversationAt: new Date() })
    .where(and(eq(linkedAccounts.personId, personId), eq(linkedAccounts.platform, platform)));
}

/** The chat reference the platform gave us most recently (e.g. to learn the service it lives on). */
export async function latestConversation(ctx: CaseContext, platform: PlatformName): Promise<unknown> {
  const [row] = await ctx.db
    .select({ conversation: linkedAccounts.conversation })
    .from(linkedAccounts)
    .where(and(eq(linkedAccounts.platform, platform), isNotNull(linkedAccounts.conversation)))
    .orderBy(desc(linkedAccounts.conversationAt))
    .limit(1);
  return row?.conversation ?? null;
}

export interface LinkState {
  code: string;
  name: string;
  team: string;
  /** Whether an e-mail address is known, so the account can still be linked on first contact. */
  hasEmail: boolean;
  /** The platforms this person has no account on. */
  missing: PlatformName[];
}

/** Every active person not linked on all of these platforms, by team and code. */
export async function unlinkedPeople(db: Db | Tx, platforms: readonly PlatformName[]): Promise<LinkState[]> {
  const rows = await db
    .select({
      code: people.code,
      name: people.name,
      team: teams.code,
      email: people.email,
      linked: sql<
        string[]
      >`coalesce(array_agg(${linkedAccounts.platform}) filter (where ${linkedAccounts.platform} is not null), '{}')`,
    })
    .from(people)
    .innerJoin(teams, eq(teams.id, people.teamId))
    .leftJoin(linkedAccounts, eq(linkedAccounts.personId, people.id))
    .where(eq(people.active, true))
    .groupBy(people.id, teams.code)
    .orderBy(asc(teams.code), asc(people.code));
  return rows.flatMap((r) => {
    const missing = platforms.filter((p) => !r.linked.includes(p));
    return missing.length === 0
      ? []
      : [{ code: r.code, name: r.name, team: r.team, hasEmail: r.email !== null, missing }];
  });
}

/** Active people with an e-mail address and no account on this platform (for linking at import). */
export async function awaitingLink(db: Db | Tx, platform: PlatformName) {
  return db
    .select({ id: people.id, code: people.code, email: people.email })
    .from(people)
    .leftJoin(
      linkedAccounts,
      and(eq(linkedAccounts.personId, people.id), eq(linkedAccounts.platform, platform)),
    )
    .where(and(eq(people.active, true), isNotNull(people.email), sql`${linkedAccounts.personId} is null`))
    .orderBy(asc(people.code));
}

/** Whether anyone could still be linked on this platform by e-mail (one statement). */
export async function anyoneAwaitingLink(db: Db | Tx, platform: PlatformName): Promise<boolean> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .leftJoin(
      linkedAccounts,
      and(eq(linkedAccounts.personId, people.id), eq(linkedAccounts.platform, platform)),
    )
    .where(and(eq(people.active, true), isNotNull(people.email), sql`${linkedAccounts.personId} is null`))
    .limit(1);
  return Boolean(row);
}

/** Links accounts found by e-mail at import (`--link`); an account already held elsewhere is skipped. */
export async function linkFound(
  db: Db | Tx,
  platform: PlatformName,
  found: readonly { personId: number; externalId: string }[],
): Promise<number> {
  if (found.length === 0) return 0;
  const rows = await db
    .insert(linkedAccounts)
    .values(
      found.map((f) => ({ personId: f.personId, platform, externalId: f.externalId, how: "email" as const })),
    )
    .onConflictDoNothing()
    .returning({ personId: linkedAccounts.personId });
  return rows.length;
}

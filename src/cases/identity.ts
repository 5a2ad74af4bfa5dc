import { and, eq } from "drizzle-orm";
import { linkedAccounts, people, teams } from "../../db/schema.ts";
import { type ActingPerson, actingPersonColumns, type CaseContext } from "./context.ts";

/**
 * The chat platforms Zicht has an adapter for. Below src/platforms a platform is only ever this name,
 * stored as data (linked accounts, channel bindings, outbox rows); nothing here branches on it.
 */
export const PLATFORMS = ["slack", "teams"] as const;
export type PlatformName = (typeof PLATFORMS)[number];

export const isPlatformName = (name: string): name is PlatformName =>
  (PLATFORMS as readonly string[]).includes(name);

/** The person behind a platform account, or null when Zicht does not know them (one statement). */
export async function findPersonByPlatformId(
  ctx: CaseContext,
  platform: PlatformName,
  externalId: string,
): Promise<ActingPerson | null> {
  const [row] = await ctx.db
    .select(actingPersonColumns)
    .from(linkedAccounts)
    .innerJoin(people, eq(people.id, linkedAccounts.personId))
    .innerJoin(teams, eq(teams.id, people.teamId))
    .where(and(eq(linkedAccounts.platform, platform), eq(linkedAccounts.externalId, externalId)));
  if (!row?.active) return null;
  const { active: _active, ...person } = row;
  return person;
}

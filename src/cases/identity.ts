import { eq } from "drizzle-orm";
import { people, teams } from "../../db/schema.ts";
import { type ActingPerson, actingPersonColumns, type CaseContext } from "./context.ts";

export type PlatformName = "slack" | "teams";

/** The person behind a platform user id, or null when Zicht does not know them (one statement). */
export async function findPersonByPlatformId(
  ctx: CaseContext,
  platform: PlatformName,
  platformUserId: string,
): Promise<ActingPerson | null> {
  const column = platform === "slack" ? people.slackId : people.teamsId;
  const [row] = await ctx.db
    .select(actingPersonColumns)
    .from(people)
    .innerJoin(teams, eq(teams.id, people.teamId))
    .where(eq(column, platformUserId));
  if (!row?.active) return null;
  const { active: _active, ...person } = row;
  return person;
}

/** Platform ids of a person, for sending them a direct message. */
export async function platformIdsOf(ctx: CaseContext, personId: number) {
  const [row] = await ctx.db
    .select({ slackId: people.slackId, teamsId: people.teamsId })
    .from(people)
    .where(eq(people.id, personId));
  return row ?? null;
}

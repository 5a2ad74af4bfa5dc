import { eq } from "drizzle-orm";
import { people } from "../../db/schema.ts";
import type { ActingPerson, CaseContext } from "./context.ts";
import { loadActingPerson } from "./context.ts";
import { CaseFailure } from "./result.ts";

export type PlatformName = "slack" | "teams";

/** The person behind a platform user id, or null when Zicht does not know them. */
export async function findPersonByPlatformId(
  ctx: CaseContext,
  platform: PlatformName,
  platformUserId: string,
): Promise<ActingPerson | null> {
  const column = platform === "slack" ? people.slackId : people.teamsId;
  const [row] = await ctx.db.select({ id: people.id }).from(people).where(eq(column, platformUserId));
  if (!row) return null;
  try {
    return await loadActingPerson(ctx.db, row.id);
  } catch (err) {
    if (err instanceof CaseFailure) return null;
    throw err;
  }
}

/** Platform ids of a person, for sending them a direct message. */
export async function platformIdsOf(ctx: CaseContext, personId: number) {
  const [row] = await ctx.db
    .select({ slackId: people.slackId, teamsId: people.teamsId })
    .from(people)
    .where(eq(people.id, personId));
  return row ?? null;
}

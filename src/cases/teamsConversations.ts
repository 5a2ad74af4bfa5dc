import { desc, eq } from "drizzle-orm";
import { teamsConversations } from "../../db/schema.ts";
import type { CaseContext } from "./context.ts";

/** Remembers where a person's 1:1 chat with the bot lives, so reminders can reach them later. */
export async function rememberConversation(
  ctx: CaseContext,
  personId: number,
  conversationId: string,
  serviceUrl: string,
) {
  await ctx.db
    .insert(teamsConversations)
    .values({ personId, conversationId, serviceUrl })
    .onConflictDoUpdate({
      target: teamsConversations.personId,
      set: { conversationId, serviceUrl, updatedAt: new Date() },
    });
}

export async function conversationOf(ctx: CaseContext, personId: number) {
  const [row] = await ctx.db
    .select()
    .from(teamsConversations)
    .where(eq(teamsConversations.personId, personId));
  return row ?? null;
}

/** The service URL Teams last used with us: channel posts go through the same one. */
export async function latestServiceUrl(ctx: CaseContext): Promise<string | null> {
  const [row] = await ctx.db
    .select({ serviceUrl: teamsConversations.serviceUrl })
    .from(teamsConversations)
    .orderBy(desc(teamsConversations.updatedAt))
    .limit(1);
  return row?.serviceUrl ?? null;
}

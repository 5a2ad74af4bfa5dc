import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { linkedAccounts, people } from "../../db/schema.ts";
import type { PlatformName } from "../../src/cases/identity.ts";

/** A person's account id on a platform (by person code or id), or null when not linked. */
export async function accountIdOf(
  db: Db,
  platform: PlatformName,
  who: string | number,
): Promise<string | null> {
  const [row] = await db
    .select({ id: linkedAccounts.externalId })
    .from(linkedAccounts)
    .innerJoin(people, eq(people.id, linkedAccounts.personId))
    .where(
      and(
        eq(linkedAccounts.platform, platform),
        typeof who === "number" ? eq(people.id, who) : eq(people.code, who),
      ),
    );
  return row?.id ?? null;
}

/** Links a person's account as an import would. */
export async function linkAccount(db: Db, personId: number, platform: PlatformName, externalId: string) {
  await db.insert(linkedAccounts).values({ personId, platform, externalId, how: "import" });
}

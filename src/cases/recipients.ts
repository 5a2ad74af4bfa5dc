import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { absences, linkedAccounts, people, teams } from "../../db/schema.ts";
import type { IsoDate } from "../domain/types.ts";
import type { Absence } from "../domain/workingPattern.ts";
import type { PlatformName } from "./identity.ts";

export interface Recipient {
  id: number;
  code: string;
  name: string;
  /** ISO weekdays (1 = Monday) the person works. */
  workingDays: number[];
}

/** A recipient and the platforms they have an account on. */
export interface LinkedRecipient extends Recipient {
  linkedOn: readonly string[];
}

/** Every active person by id, and the praktijkbegeleider of each team (the first by code). */
export async function loadRecipients(tx: Db | Tx) {
  const rows = await tx
    .select({
      id: people.id,
      code: people.code,
      name: people.name,
      role: people.role,
      teamId: people.teamId,
      linkedOn: sql<
        string[]
      >`coalesce((select array_agg(${linkedAccounts.platform}) from ${linkedAccounts} where ${linkedAccounts.personId} = ${people.id}), '{}')`,
      workingDays: people.workingDays,
    })
    .from(people)
    .where(eq(people.active, true))
    .orderBy(asc(people.code));
  const byId = new Map<number, LinkedRecipient>(rows.map((p) => [p.id, p]));
  const pbByTeam = new Map<number, LinkedRecipient>();
  for (const p of rows)
    if (p.role === "praktijkbegeleider" && !pbByTeam.has(p.teamId)) pbByTeam.set(p.teamId, p);
  return { byId, pbByTeam };
}

/** The CCP's praktijkbegeleiders: they coordinate the terugstroom (domain.md §6, §8). */
export async function ccpCoordinators(tx: Db | Tx): Promise<{ id: number }[]> {
  return tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(teams, eq(teams.id, people.teamId))
    .where(and(eq(teams.kind, "ccp"), eq(people.role, "praktijkbegeleider"), eq(people.active, true)))
    .orderBy(asc(people.code));
}

export async function praktijkbegeleiderOf(tx: Db | Tx, teamId: number): Promise<Recipient | null> {
  const [row] = await tx
    .select({
      id: people.id,
      code: people.code,
      name: people.name,
      workingDays: people.workingDays,
    })
    .from(people)
    .where(and(eq(people.teamId, teamId), eq(people.role, "praktijkbegeleider"), eq(people.active, true)))
    .orderBy(asc(people.code))
    .limit(1);
  return row ?? null;
}

/** Where a direct message to this person goes: the first configured platform they are linked on. */
export function platformOf(
  person: Pick<LinkedRecipient, "linkedOn">,
  enabled: readonly PlatformName[],
): PlatformName | null {
  return enabled.find((platform) => person.linkedOn.includes(platform)) ?? null;
}

/** Every absence that ends on or after `since`, by person id. */
export async function loadAbsences(tx: Db | Tx, since: IsoDate): Promise<Map<number, Absence[]>> {
  const rows = await tx.select().from(absences).where(gte(absences.toDay, since));
  const out = new Map<number, Absence[]>();
  for (const r of rows)
    out.set(r.personId, [...(out.get(r.personId) ?? []), { fromDay: r.fromDay, toDay: r.toDay }]);
  return out;
}

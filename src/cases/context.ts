import { eq, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { col, fromJson, jsonFirst } from "../../db/jsonRow.ts";
import { people, teams } from "../../db/schema.ts";
import type { Calendar } from "../domain/calendar.ts";
import { calendarFor } from "../domain/calendar.ts";
import { todayInAmsterdam } from "../domain/dates.ts";
import type { Policy } from "../domain/policy.ts";
import type { IsoDate, Role, TeamKind } from "../domain/types.ts";
import { CaseFailure } from "./result.ts";

/** What every use case needs from the outside world; tests pin the clock. */
export interface CaseContext {
  db: Db;
  policy: Policy;
  calendar: Calendar;
  today(): IsoDate;
  /** The moment a person's act is dated by (a handover decided, a record voided); the console moves it. */
  now(): Date;
}

export function createContext(db: Db, policy: Policy, now: () => Date = () => new Date()): CaseContext {
  return { db, policy, calendar: calendarFor(policy), today: () => todayInAmsterdam(now()), now };
}

/** Who acts, and through which door (slack, teams, local, cli). */
export interface Actor {
  personId: number;
  via: string;
}

export interface ActingPerson {
  id: number;
  code: string;
  name: string;
  role: Role;
  teamId: number;
  teamCode: string;
  teamKind: TeamKind;
}

/** The acting person's columns, for one select joined with their team. */
export const actingPersonColumns = {
  id: people.id,
  code: people.code,
  name: people.name,
  role: people.role,
  teamId: people.teamId,
  teamCode: teams.code,
  teamKind: teams.kind,
  active: people.active,
};

export async function loadActingPerson(db: Db | Tx, personId: number): Promise<ActingPerson> {
  const [row] = await db
    .select(actingPersonColumns)
    .from(people)
    .innerJoin(teams, eq(teams.id, people.teamId))
    .where(eq(people.id, personId));
  return activePerson(row ?? null);
}

/** The acting person as a JSON subquery, to ride along another statement (the case a step locks). */
export function actingPersonJson(personId: number): SQL<Record<string, unknown> | null> {
  return jsonFirst(
    actingPersonColumns,
    sql`${people} join ${teams} on ${col(teams.id)} = ${col(people.teamId)}`,
    sql`${col(people.id)} = ${personId}`,
    [{ by: people.id }],
  );
}

/** `actingPersonJson` read back: the person, if still active. */
export function actingPersonFrom(json: Record<string, unknown> | null): ActingPerson {
  return activePerson(json ? fromJson(actingPersonColumns, json) : null);
}

function activePerson(row: ({ active: boolean } & ActingPerson) | null): ActingPerson {
  if (!row?.active) {
    throw new CaseFailure({ code: "unknown_person", message: "Je bent (nog) niet bekend in Zicht." });
  }
  const { active: _active, ...person } = row;
  return person;
}

import { count } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { type DemoCase, demoCases } from "../db/demo/cases.ts";
import {
  DEMO_PEOPLE,
  DEMO_TEAMS,
  demoSlackChannel,
  demoSlackId,
  demoTeamsChannel,
  demoTeamsId,
} from "../db/demo/organisation.ts";
import { picker, seededRandom } from "../db/demo/random.ts";
import {
  arijAssessments,
  cases,
  channelBindings,
  contacts,
  kernbeslissingen,
  linkedAccounts,
  people,
  teams,
  triages,
} from "../db/schema.ts";
import { refreshDeadlines } from "./cases/deadlineStore.ts";
import { checkDirectUnsafety } from "./domain/bijlage1.ts";
import type { Calendar } from "./domain/calendar.ts";
import type { Policy } from "./domain/policy.ts";
import { computePriority, type PriorityResult } from "./domain/priority.ts";
import type { IsoDate } from "./domain/types.ts";

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Fills an empty database with the made-up organisation "Jeugdbescherming Zichtland". Refuses a
 * database that holds teams, people or cases: demo data never mixes with real data.
 */
export async function seedDemo(
  db: Db,
  rules: { policy: Policy; calendar: Calendar },
  today: IsoDate,
  options: { random?: () => number } = {},
): Promise<{ teams: number; people: number; cases: number }> {
  return db.transaction(async (tx) => {
    for (const table of [teams, people, cases]) {
      const [row] = await tx.select({ n: count() }).from(table);
      if ((row?.n ?? 0) > 0)
        throw new Error(
          "The database already holds data; the demo organisation is only seeded into an empty database.",
        );
    }
    const pick = picker(options.random ?? seededRandom());
    const teamRows = await tx
      .insert(teams)
      .values(DEMO_TEAMS.map((t) => ({ ...t })))
      .returning();
    const teamId = new Map(teamRows.map((t) => [t.code, t.id]));
    await tx.insert(channelBindings).values(
      teamRows.flatMap((t) => [
        { teamId: t.id, platform: "slack", channelId: demoSlackChannel(t.code) },
        { teamId: t.id, platform: "teams", channelId: demoTeamsChannel(t.code) },
      ]),
    );
    const personRows = await tx
      .insert(people)
      .values(
        DEMO_PEOPLE.map((p, _i) => ({
          code: p.code,
          name: p.name,
          role: p.role,
          teamId: teamId.get(p.team) as number,
          fte: p.fte,
        })),
      )
      .returning();
    const personId = new Map(personRows.map((p) => [p.code, p.id]));
    await tx.insert(linkedAccounts).values(
      personRows.flatMap((p, i) => [
        { personId: p.id, platform: "slack", externalId: demoSlackId(i), how: "import" as const },
        { personId: p.id, platform: "teams", externalId: demoTeamsId(i), how: "import" as const },
      ]),
    );
    const specs = demoCases(pick, today, rules.calendar, DEMO_PEOPLE);
    const priorities = new Map(
      specs.flatMap((c) => (c.triage ? [[c.zaaknummer, priorityOf(c, rules.policy, today)] as const] : [])),
    );

    const caseRows: { id: number; zaaknummer: string }[] = [];
    await insertChunked(specs, async (chunk) => {
      const rows = await tx
        .insert(cases)
        .values(
          chunk.map((c) => {
            const priority = priorities.get(c.zaaknummer) ?? null;
            return {
              zaaknummer: c.zaaknummer,
              measure: c.measure,
              receivedOn: c.receivedOn,
              rulingOn: c.rulingOn,
              endDate: c.endDate,
              phase: c.phase,
              phaseSince: c.phaseSince,
              teamId: teamId.get(c.team) as number,
              ownerId: c.owner ? (personId.get(c.owner) ?? null) : null,
              birthYears: c.birthYears,
              directUnsafe: c.criteria.length > 0,
              contactFrequencyWeeks: c.kernbeslissing?.weeks ?? null,
              plannedKernbesluit: c.kernbeslissing?.plannedNext ?? null,
              priorityClass: priority?.priorityClass ?? null,
              priorityScore: priority?.score ?? null,
            };
          }),
        )
        .returning({ id: cases.id, zaaknummer: cases.zaaknummer });
      caseRows.push(...rows);
    });
    const caseId = new Map(caseRows.map((c) => [c.zaaknummer, c.id]));
    const idOf = (z: string) => caseId.get(z) as number;

    await insertChunked(
      specs.flatMap((c) => c.contacts.map((x) => ({ caseId: idOf(c.zaaknummer), ...x }))),
      (chunk) => tx.insert(contacts).values(chunk),
    );
    await insertChunked(
      specs.flatMap((c) =>
        c.arij.map((a) => ({
          caseId: idOf(c.zaaknummer),
          date: a.date,
          risk: a.risk,
          reason: "periodiek" as const,
        })),
      ),
      (chunk) => tx.insert(arijAssessments).values(chunk),
    );
    await insertChunked(
      specs.flatMap((c) =>
        c.kernbeslissing
          ? [
              {
                caseId: idOf(c.zaaknummer),
                date: c.kernbeslissing.date,
                contactFrequencyWeeks: c.kernbeslissing.weeks,
                gwId: personId.get(c.kernbeslissing.gw) as number,
                plannedNext: c.kernbeslissing.plannedNext,
              },
            ]
          : [],
      ),
      (chunk) => tx.insert(kernbeslissingen).values(chunk),
    );
    await insertTriages(tx, specs, idOf, personId, priorities);
    await refreshDeadlines(
      tx,
      rules,
      caseRows.map((c) => c.id),
    );
    return { teams: teamRows.length, people: personRows.length, cases: caseRows.length };
  });
}

/** The triage priority of a demo case, computed exactly as a real triage would. */
function priorityOf(c: DemoCase, policy: Policy, today: IsoDate) {
  return computePriority(
    {
      directUnsafe: c.criteria.length > 0,
      unsafeCriteria: c.criteria,
      arijRisk: c.arij[0]?.risk ?? null,
      problems: c.triage?.problems ?? [],
      sustainingFactors: c.triage?.sustainingFactors ?? [],
      birthYears: c.birthYears,
      helpInPlace: c.triage?.helpInPlace ?? false,
      waitingSince: c.receivedOn,
      today,
    },
    policy.priority,
  );
}

async function insertTriages(
  tx: Tx,
  specs: DemoCase[],
  idOf: (z: string) => number,
  personId: Map<string, number>,
  priorities: Map<string, PriorityResult>,
) {
  const rows = specs.flatMap((c) => {
    const priority = priorities.get(c.zaaknummer);
    if (!c.triage || !priority) return [];
    const unsafety = checkDirectUnsafety(c.criteria);
    return [
      {
        caseId: idOf(c.zaaknummer),
        answers: {
          criteria: c.criteria,
          arijRisk: c.arij[0]?.risk ?? null,
          problems: c.triage.problems,
          sustainingFactors: c.triage.sustainingFactors,
          birthYears: c.birthYears,
          helpInPlace: c.triage.helpInPlace,
        },
        directUnsafe: unsafety.directUnsafe,
        criteria: c.criteria,
        routing: unsafety.directUnsafe ? "veiligheid_eerst" : c.phase === "crt" ? "crt" : "regulier",
        priorityClass: priority.priorityClass,
        priorityScore: priority.score,
        explanation: priority.factors,
        byId: personId.get(c.triage.by) as number,
        triagedOn: c.triage.on,
      },
    ];
  });
  await insertChunked(rows, (chunk) => tx.insert(triages).values(chunk));
}

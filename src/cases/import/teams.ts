import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/client.ts";
import { teams } from "../../../db/schema.ts";
import { TEAM_KINDS } from "../../domain/types.ts";
import {
  type ColumnSpec,
  choice,
  codeValue,
  duplicateKeys,
  type KindOutcome,
  keysOf,
  optional,
  type Row,
  type RowError,
  textValue,
  zodRowErrors,
} from "./csv.ts";

// teams: code;naam;soort, optional slack_kanaal;teams_kanaal. Upsert by code.

export const TEAM_COLUMNS: ColumnSpec = {
  required: ["code", "naam", "soort"],
  optional: ["slack_kanaal", "teams_kanaal"],
};

const channel = z
  .string()
  .max(200, "gebruik hoogstens 200 tekens")
  .regex(/^\S+$/, "een kanaal bevat geen spaties");

const teamRow = z.object({
  code: codeValue("teamcode"),
  naam: textValue("de naam van het team", 100),
  soort: choice(TEAM_KINDS),
  slack_kanaal: optional(channel),
  teams_kanaal: optional(channel),
});

export async function importTeams(tx: Tx, rows: readonly Row[]): Promise<KindOutcome> {
  const errors: RowError[] = [];
  const valid: { line: number; v: z.infer<typeof teamRow> }[] = [];
  for (const row of rows) {
    const parsed = teamRow.safeParse(row.values);
    if (parsed.success) valid.push({ line: row.line, v: parsed.data });
    else errors.push(...zodRowErrors(row.line, parsed.error));
  }
  errors.push(...duplicateKeys(keysOf(rows, "code"), "code"));
  if (errors.length > 0) return { ok: false, errors };

  // Teams are few: read them all.
  const stored = new Map((await tx.select().from(teams)).map((t) => [t.code, t]));
  const inserts: (typeof teams.$inferInsert)[] = [];
  const updated: string[] = [];
  let unchanged = 0;
  for (const { v } of valid) {
    const old = stored.get(v.code);
    const next = {
      name: v.naam,
      kind: v.soort,
      // An absent column keeps what is stored; an empty cell clears it.
      slackChannel: v.slack_kanaal === undefined ? (old?.slackChannel ?? null) : v.slack_kanaal,
      teamsChannel: v.teams_kanaal === undefined ? (old?.teamsChannel ?? null) : v.teams_kanaal,
    };
    if (!old) {
      inserts.push({ code: v.code, ...next });
    } else if (
      old.name !== next.name ||
      old.kind !== next.kind ||
      old.slackChannel !== next.slackChannel ||
      old.teamsChannel !== next.teamsChannel
    ) {
      await tx.update(teams).set(next).where(eq(teams.id, old.id));
      updated.push(v.code);
    } else {
      unchanged += 1;
    }
  }
  if (inserts.length > 0) await tx.insert(teams).values(inserts);
  return { ok: true, inserted: inserts.map((t) => t.code), updated, unchanged };
}

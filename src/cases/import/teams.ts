import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/client.ts";
import { channelBindings, teams } from "../../../db/schema.ts";
import { TEAM_KINDS } from "../../domain/types.ts";
import { PLATFORMS } from "../identity.ts";
import {
  type ColumnSpec,
  choice,
  codeValue,
  duplicateKeys,
  type KindOutcome,
  keysOf,
  type Row,
  type RowError,
  textValue,
  zodRowErrors,
} from "./csv.ts";
import { channelColumn, type PlatformCells, readPlatformCells } from "./platformColumns.ts";

// teams: code;naam;soort, optional a channel per platform (slack_kanaal;teams_kanaal), stored as
// channel bindings. Upsert by code.

export const TEAM_COLUMNS: ColumnSpec = {
  required: ["code", "naam", "soort"],
  optional: PLATFORMS.map(channelColumn),
};

const teamRow = z.object({
  code: codeValue("teamcode"),
  naam: textValue("de naam van het team", 100),
  soort: choice(TEAM_KINDS),
});

export async function importTeams(tx: Tx, rows: readonly Row[]): Promise<KindOutcome> {
  const errors: RowError[] = [];
  const valid: { line: number; v: z.infer<typeof teamRow>; channels: PlatformCells }[] = [];
  for (const row of rows) {
    const parsed = teamRow.safeParse(row.values);
    const channels = readPlatformCells(row.line, row.values, channelColumn, "kanaal");
    if (!parsed.success) errors.push(...zodRowErrors(row.line, parsed.error));
    if (!channels.ok) errors.push(...channels.errors);
    if (parsed.success && channels.ok)
      valid.push({ line: row.line, v: parsed.data, channels: channels.cells });
  }
  errors.push(...duplicateKeys(keysOf(rows, "code"), "code"));
  if (errors.length > 0) return { ok: false, errors };

  // Teams are few: read them all, with their channels.
  const stored = new Map((await tx.select().from(teams)).map((t) => [t.code, t]));
  const bound = new Map<string, string>();
  for (const b of await tx.select().from(channelBindings))
    bound.set(`${b.teamId}:${b.platform}`, b.channelId);
  const inserted: string[] = [];
  const updated: string[] = [];
  let unchanged = 0;
  for (const { v, channels } of valid) {
    const old = stored.get(v.code);
    const next = { name: v.naam, kind: v.soort };
    if (!old) {
      const [row] = await tx
        .insert(teams)
        .values({ code: v.code, ...next })
        .returning({ id: teams.id });
      if (row) await bindChannels(tx, row.id, channels, bound);
      inserted.push(v.code);
      continue;
    }
    const fieldsChanged = old.name !== next.name || old.kind !== next.kind;
    if (fieldsChanged) await tx.update(teams).set(next).where(eq(teams.id, old.id));
    const channelsChanged = await bindChannels(tx, old.id, channels, bound);
    if (fieldsChanged || channelsChanged) updated.push(v.code);
    else unchanged += 1;
  }
  return { ok: true, inserted, updated, unchanged };
}

/** Sets a team's channel per platform; an absent column keeps it, an empty cell removes it. */
async function bindChannels(
  tx: Tx,
  teamId: number,
  channels: PlatformCells,
  bound: ReadonlyMap<string, string>,
): Promise<boolean> {
  let changed = false;
  for (const [platform, channelId] of Object.entries(channels)) {
    if (channelId === undefined || (bound.get(`${teamId}:${platform}`) ?? null) === channelId) continue;
    changed = true;
    if (channelId === null)
      await tx
        .delete(channelBindings)
        .where(and(eq(channelBindings.teamId, teamId), eq(channelBindings.platform, platform)));
    else
      await tx
        .insert(channelBindings)
        .values({ teamId, platform, channelId })
        .onConflictDoUpdate({
          target: [channelBindings.teamId, channelBindings.platform],
          set: { channelId },
        });
  }
  return changed;
}

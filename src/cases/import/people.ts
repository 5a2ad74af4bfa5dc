import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/client.ts";
import { people, teams } from "../../../db/schema.ts";
import { ROLES } from "../../domain/types.ts";
import { ALL_WEEKDAYS, parseWorkingDays } from "../../domain/workingPattern.ts";
import {
  type ColumnSpec,
  choice,
  chunks,
  codeValue,
  duplicateKeys,
  type KindOutcome,
  keysOf,
  optional,
  type Row,
  type RowError,
  rowError,
  textValue,
  zodRowErrors,
} from "./csv.ts";

// people: code;naam;rol;team;fte, optional slack_id;teams_id;werkdagen. Upsert by code; the team must exist.

export const PEOPLE_COLUMNS: ColumnSpec = {
  required: ["code", "naam", "rol", "team", "fte"],
  optional: ["slack_id", "teams_id", "werkdagen"],
};

/** FTE as written in a Dutch or English spreadsheet: "0,8" or "0.8"; above 0, at most 1.2. */
const fte = z
  .string({ error: "vul de fte in, bijvoorbeeld 0,8" })
  .min(1, "vul de fte in, bijvoorbeeld 0,8")
  .transform((v, ctx) => {
    if (!/^\d+(?:[.,]\d+)?$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "vul een getal in, bijvoorbeeld 0,8" });
      return z.NEVER;
    }
    const [, decimals = ""] = v.split(/[.,]/);
    const n = Number(v.replace(",", "."));
    if (n <= 0) ctx.addIssue({ code: "custom", message: "vul een getal groter dan 0 in" });
    else if (n > 1.2) ctx.addIssue({ code: "custom", message: "vul hoogstens 1,2 in" });
    else if (decimals.length > 2)
      ctx.addIssue({ code: "custom", message: "gebruik hoogstens twee cijfers achter de komma" });
    return n;
  });

const platformId = z
  .string()
  .max(200, "gebruik hoogstens 200 tekens")
  .regex(/^\S+$/, "een id bevat geen spaties");

/** "ma di do": the days the person works; an empty cell means all five. */
const werkdagen = z.string().transform((v, ctx) => {
  const days = parseWorkingDays(v);
  if (!days) {
    ctx.addIssue({ code: "custom", message: "gebruik dagen als ma di wo do vr, gescheiden door spaties" });
    return z.NEVER;
  }
  return days;
});

const personRow = z.object({
  code: codeValue("code"),
  naam: textValue("de naam", 100),
  rol: choice(ROLES),
  team: codeValue("teamcode"),
  fte,
  slack_id: optional(platformId),
  teams_id: optional(platformId),
  werkdagen: optional(werkdagen),
});

type PersonRow = typeof people.$inferSelect;

export async function importPeople(tx: Tx, rows: readonly Row[]): Promise<KindOutcome> {
  const errors: RowError[] = [];
  const valid: { line: number; v: z.infer<typeof personRow> }[] = [];
  for (const row of rows) {
    const parsed = personRow.safeParse(row.values);
    if (parsed.success) valid.push({ line: row.line, v: parsed.data });
    else errors.push(...zodRowErrors(row.line, parsed.error));
  }
  errors.push(...duplicateKeys(keysOf(rows, "code"), "code"));

  const teamIds = new Map(
    (await tx.select({ id: teams.id, code: teams.code }).from(teams)).map((t) => [t.code, t.id]),
  );
  // References are checked on every row, also one with other errors, so one pass reports all.
  for (const { line, key } of keysOf(rows, "team")) {
    if (!teamIds.has(key))
      errors.push(rowError(line, "team", `team ${key} bestaat niet; importeer eerst de teams`));
  }

  const stored = new Map<string, PersonRow>();
  for (const codes of chunks(valid.map(({ v }) => v.code))) {
    for (const p of await tx.select().from(people).where(inArray(people.code, codes))) stored.set(p.code, p);
  }
  const next = valid.map(({ line, v }) => {
    const old = stored.get(v.code);
    return {
      line,
      old,
      values: {
        code: v.code,
        name: v.naam,
        role: v.rol,
        teamId: teamIds.get(v.team) ?? 0,
        fte: v.fte,
        // An absent column keeps what is stored; an empty cell clears it.
        slackId: v.slack_id === undefined ? (old?.slackId ?? null) : v.slack_id,
        teamsId: v.teams_id === undefined ? (old?.teamsId ?? null) : v.teams_id,
        workingDays:
          v.werkdagen === undefined
            ? (old?.workingDays ?? [...ALL_WEEKDAYS])
            : (v.werkdagen ?? [...ALL_WEEKDAYS]),
      },
    };
  });
  errors.push(
    ...(await platformIdClashes(tx, next, "slack_id")),
    ...(await platformIdClashes(tx, next, "teams_id")),
  );
  if (errors.length > 0) return { ok: false, errors };

  const inserts = next.filter((p) => !p.old).map((p) => p.values);
  const changes = next.filter((p) => p.old && differs(p.old, p.values));
  // A platform id may move from one person to another in the same file: free the changed ids first
  // so the unique index never sees the same id twice halfway through.
  const moving = changes.filter(
    (p) => p.old && (p.old.slackId !== p.values.slackId || p.old.teamsId !== p.values.teamsId),
  );
  for (const ids of chunks(moving.map((p) => p.old?.id ?? 0))) {
    await tx.update(people).set({ slackId: null, teamsId: null }).where(inArray(people.id, ids));
  }
  for (const p of changes) {
    await tx
      .update(people)
      .set(p.values)
      .where(eq(people.id, p.old?.id ?? 0));
  }
  for (const batch of chunks(inserts)) await tx.insert(people).values(batch);
  return {
    ok: true,
    inserted: inserts.map((p) => p.code),
    updated: changes.map((p) => p.values.code),
    unchanged: next.length - inserts.length - changes.length,
  };
}

function differs(old: PersonRow, v: Omit<typeof people.$inferInsert, "id">): boolean {
  return (
    old.name !== v.name ||
    old.role !== v.role ||
    old.teamId !== v.teamId ||
    Math.round(old.fte * 100) !== Math.round(v.fte * 100) ||
    old.slackId !== v.slackId ||
    old.teamsId !== v.teamsId ||
    old.workingDays.join() !== (v.workingDays ?? []).join()
  );
}

/** A Slack or Teams id belongs to one person: check the state after the import. */
async function platformIdClashes(
  tx: Tx,
  next: readonly { line: number; values: { code: string; slackId: string | null; teamsId: string | null } }[],
  column: "slack_id" | "teams_id",
): Promise<RowError[]> {
  const field = column === "slack_id" ? "slackId" : "teamsId";
  const dbColumn = column === "slack_id" ? people.slackId : people.teamsId;
  const inFile = new Set(next.map((p) => p.values.code));
  const owner = new Map<string, { code: string; line: number | null }>();
  const wanted = [...new Set(next.map((p) => p.values[field]).filter((id): id is string => id !== null))];
  for (const ids of chunks(wanted)) {
    const rows = await tx
      .select({ code: people.code, id: dbColumn })
      .from(people)
      .where(inArray(dbColumn, ids));
    // Someone outside the file keeps their id.
    for (const r of rows)
      if (r.id !== null && !inFile.has(r.code)) owner.set(r.id, { code: r.code, line: null });
  }
  const errors: RowError[] = [];
  for (const { line, values } of next) {
    const id = values[field];
    if (id === null) continue;
    const holder = owner.get(id);
    if (!holder) owner.set(id, { code: values.code, line });
    else {
      const where = holder.line === null ? "" : ` (regel ${holder.line})`;
      errors.push(rowError(line, column, `${id} hoort al bij ${holder.code}${where}`));
    }
  }
  return errors;
}

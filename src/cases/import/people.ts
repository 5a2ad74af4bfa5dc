import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/client.ts";
import { people, teams } from "../../../db/schema.ts";
import { ROLES } from "../../domain/types.ts";
import { ALL_WEEKDAYS, parseWorkingDays } from "../../domain/workingPattern.ts";
import { PLATFORMS } from "../identity.ts";
import { normaliseEmail } from "../linkedAccounts.ts";
import { accountClashes, applyLinks, linksDiffer, storedLinks } from "./accountLinks.ts";
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
import { accountColumn, type PlatformCells, readPlatformCells } from "./platformColumns.ts";

// people: code;naam;rol;team;fte, optional email, werkdagen and a platform id per platform
// (slack_id;teams_id). Upsert by code; the team must exist.

export const PEOPLE_COLUMNS: ColumnSpec = {
  required: ["code", "naam", "rol", "team", "fte"],
  optional: ["email", "werkdagen", ...PLATFORMS.map(accountColumn)],
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

/** A work e-mail address, stored in lower case: mailboxes compare case-insensitively. */
const email = z
  .string()
  .max(200, "gebruik hoogstens 200 tekens")
  .pipe(z.email("vul een e-mailadres in, bijvoorbeeld naam@organisatie.nl"))
  .transform(normaliseEmail);

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
  email: optional(email),
  werkdagen: optional(werkdagen),
});

type PersonRow = typeof people.$inferSelect;

export async function importPeople(tx: Tx, rows: readonly Row[]): Promise<KindOutcome> {
  const errors: RowError[] = [];
  const valid: { line: number; v: z.infer<typeof personRow>; accounts: PlatformCells }[] = [];
  for (const row of rows) {
    const parsed = personRow.safeParse(row.values);
    const accounts = readPlatformCells(row.line, row.values, accountColumn, "id");
    if (!parsed.success) errors.push(...zodRowErrors(row.line, parsed.error));
    if (!accounts.ok) errors.push(...accounts.errors);
    if (parsed.success && accounts.ok)
      valid.push({ line: row.line, v: parsed.data, accounts: accounts.cells });
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
  const next = valid.map(({ line, v, accounts }) => {
    const old = stored.get(v.code);
    return {
      line,
      old,
      accounts,
      values: {
        code: v.code,
        name: v.naam,
        role: v.rol,
        teamId: teamIds.get(v.team) ?? 0,
        fte: v.fte,
        // An absent column keeps what is stored; an empty cell clears it.
        email: v.email === undefined ? (old?.email ?? null) : v.email,
        workingDays:
          v.werkdagen === undefined
            ? (old?.workingDays ?? [...ALL_WEEKDAYS])
            : (v.werkdagen ?? [...ALL_WEEKDAYS]),
      },
    };
  });
  const file = next.map((p) => ({ line: p.line, code: p.values.code, accounts: p.accounts }));
  const links = await storedLinks(tx, file);
  errors.push(...(await emailClashes(tx, next)), ...accountClashes(file, links));
  if (errors.length > 0) return { ok: false, errors };

  const inserts = next.filter((p) => !p.old).map((p) => p.values);
  const changes = next.filter(
    (p) =>
      p.old && (differs(p.old, p.values) || linksDiffer(p.accounts, links.byCode.get(p.values.code) ?? [])),
  );
  // An e-mail address may move from one person to another in the same file: free the changed ones
  // first so the unique index never sees the same address twice halfway through.
  const moving = changes.filter((p) => p.old && p.old.email !== p.values.email);
  for (const ids of chunks(moving.map((p) => p.old?.id ?? 0))) {
    await tx.update(people).set({ email: null }).where(inArray(people.id, ids));
  }
  for (const p of changes) {
    if (p.old && differs(p.old, p.values))
      await tx
        .update(people)
        .set(p.values)
        .where(eq(people.id, p.old?.id ?? 0));
  }
  const personIds = new Map(next.flatMap((p) => (p.old ? [[p.values.code, p.old.id] as const] : [])));
  for (const batch of chunks(inserts)) {
    for (const r of await tx.insert(people).values(batch).returning({ id: people.id, code: people.code }))
      personIds.set(r.code, r.id);
  }
  await applyLinks(tx, file, links, personIds);
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
    old.email !== v.email ||
    old.workingDays.join() !== (v.workingDays ?? []).join()
  );
}

/** An e-mail address belongs to one person: someone outside the file keeps theirs. */
async function emailClashes(
  tx: Tx,
  next: readonly { line: number; values: { code: string; email: string | null } }[],
): Promise<RowError[]> {
  const inFile = new Set(next.map((p) => p.values.code));
  const owner = new Map<string, { code: string; line: number | null }>();
  const wanted = [...new Set(next.flatMap((p) => (p.values.email ? [p.values.email] : [])))];
  for (const batch of chunks(wanted)) {
    const rows = await tx
      .select({ code: people.code, email: people.email })
      .from(people)
      .where(inArray(people.email, batch));
    for (const r of rows)
      if (r.email !== null && !inFile.has(r.code)) owner.set(r.email, { code: r.code, line: null });
  }
  const errors: RowError[] = [];
  for (const { line, values } of next) {
    if (values.email === null) continue;
    const holder = owner.get(values.email);
    if (!holder) owner.set(values.email, { code: values.code, line });
    else {
      // The address itself is not repeated: staff contact data stays out of error messages and logs.
      const where = holder.line === null ? "" : ` (regel ${holder.line})`;
      errors.push(rowError(line, "email", `dit e-mailadres hoort al bij ${holder.code}${where}`));
    }
  }
  return errors;
}

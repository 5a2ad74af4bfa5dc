import { and, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "../../../db/client.ts";
import { linkedAccounts, people } from "../../../db/schema.ts";
import type { PlatformName } from "../identity.ts";
import { chunks, type RowError, rowError } from "./csv.ts";
import { accountColumn, type PlatformCells } from "./platformColumns.ts";

// Platform ids in the people CSV (`slack_id`, `teams_id`) link accounts "at import". They are the
// old way; an e-mail address lets the adapters link on first contact instead. An empty cell removes
// only a link made from the CSV: an account linked by e-mail stays linked.

export interface AccountsInFile {
  line: number;
  code: string;
  accounts: PlatformCells;
}

type Link = typeof linkedAccounts.$inferSelect;

const keyOf = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;

/** The links stored for the people of the file and for every id the file names. */
export async function storedLinks(tx: Tx, file: readonly AccountsInFile[]) {
  const codes = file.map((p) => p.code);
  const wanted = file.flatMap((p) =>
    Object.entries(p.accounts).flatMap(([platform, id]) => (id ? [{ platform, id }] : [])),
  );
  const byCode = new Map<string, Link[]>();
  const byId = new Map<string, { code: string; link: Link }>();
  for (const batch of chunks(codes)) {
    const rows = await tx
      .select({ code: people.code, link: linkedAccounts })
      .from(linkedAccounts)
      .innerJoin(people, eq(people.id, linkedAccounts.personId))
      .where(inArray(people.code, batch));
    for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.link]);
  }
  for (const batch of chunks(wanted, 500)) {
    const rows = await tx
      .select({ code: people.code, link: linkedAccounts })
      .from(linkedAccounts)
      .innerJoin(people, eq(people.id, linkedAccounts.personId))
      .where(
        or(
          ...batch.map((w) =>
            and(eq(linkedAccounts.platform, w.platform), eq(linkedAccounts.externalId, w.id)),
          ),
        ),
      );
    for (const r of rows) byId.set(keyOf(r.link.platform, r.link.externalId), r);
  }
  return { byCode, byId };
}

/** An account belongs to one person: someone outside the file keeps theirs; one id per file. */
export function accountClashes(
  file: readonly AccountsInFile[],
  stored: Awaited<ReturnType<typeof storedLinks>>,
): RowError[] {
  const inFile = new Set(file.map((p) => p.code));
  const owner = new Map<string, { code: string; line: number | null }>();
  for (const [key, held] of stored.byId)
    if (!inFile.has(held.code)) owner.set(key, { code: held.code, line: null });
  const errors: RowError[] = [];
  for (const { line, code, accounts } of file) {
    for (const [platform, id] of Object.entries(accounts)) {
      if (!id) continue;
      const key = keyOf(platform, id);
      const holder = owner.get(key);
      if (!holder) owner.set(key, { code, line });
      else {
        const where = holder.line === null ? "" : ` (regel ${holder.line})`;
        errors.push(
          rowError(
            line,
            accountColumn(platform as PlatformName),
            `${id} hoort al bij ${holder.code}${where}`,
          ),
        );
      }
    }
  }
  return errors;
}

/** What the file changes of one person's links: links to remove and to add. */
function plan(accounts: PlatformCells, current: readonly Link[]) {
  const remove: Link[] = [];
  const add: { platform: string; externalId: string }[] = [];
  for (const [platform, id] of Object.entries(accounts)) {
    if (id === undefined) continue;
    const link = current.find((l) => l.platform === platform);
    if (id === null) {
      if (link?.how === "import") remove.push(link);
    } else if (link?.externalId !== id) {
      if (link) remove.push(link);
      add.push({ platform, externalId: id });
    }
  }
  return { remove, add };
}

/** Whether the file changes this person's links. */
export function linksDiffer(accounts: PlatformCells, current: readonly Link[]): boolean {
  const { remove, add } = plan(accounts, current);
  return remove.length + add.length > 0;
}

/**
 * Writes the links of the file. Every removal goes first, so an id that moves from one person to
 * another in the same file is never held twice halfway through.
 */
export async function applyLinks(
  tx: Tx,
  file: readonly AccountsInFile[],
  stored: Awaited<ReturnType<typeof storedLinks>>,
  personIds: ReadonlyMap<string, number>,
) {
  const plans = file.map((p) => ({
    personId: personIds.get(p.code),
    ...plan(p.accounts, stored.byCode.get(p.code) ?? []),
  }));
  for (const p of plans)
    for (const link of p.remove)
      await tx
        .delete(linkedAccounts)
        .where(and(eq(linkedAccounts.personId, link.personId), eq(linkedAccounts.platform, link.platform)));
  const inserts = plans.flatMap((p) =>
    p.personId === undefined
      ? []
      : p.add.map((a) => ({ personId: p.personId as number, ...a, how: "import" as const })),
  );
  for (const batch of chunks(inserts)) await tx.insert(linkedAccounts).values(batch);
}

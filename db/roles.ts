import { type SQL, sql } from "drizzle-orm";

/** What granting needs of the owner's connection (typed here, so this file does not import client.ts). */
interface OwnerConnection {
  transaction<T>(work: (tx: { execute(query: SQL): Promise<unknown> }) => Promise<T>): Promise<T>;
}

// On a PostgreSQL server Zicht uses two roles (README, "Database roles"): an owner that runs the
// migrations and owns every table, and the app's role that does the work. A table's owner can
// TRUNCATE it and switch or drop its triggers, so the audit log's append-only triggers protect it
// only against a role that does not own it: the app's.

/**
 * Gives the app's role what its work needs and no more, after every migration (new tables get
 * their grants too). Run as the owner. Of the audit tables the app may read and append; of
 * audit_log it may only change the columns retention pseudonymises and the backlog's hash (the
 * append-only trigger checks that nothing else changes); audit_head moves by a trigger only.
 */
export async function grantAppRole(owner: OwnerConnection, appRole: string): Promise<void> {
  const role = sql.identifier(appRole);
  await owner.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema public to ${role}`);
    await tx.execute(sql`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${role}`);
    await tx.execute(sql`revoke update, delete, truncate, references, trigger on audit_log from ${role}`);
    await tx.execute(sql`grant update (zaaknummers, details, hash) on audit_log to ${role}`);
    await tx.execute(
      sql`revoke insert, update, delete, truncate, references, trigger on audit_head, audit_secret from ${role}`,
    );
    // The CLI asks whether the migrations ran.
    await tx.execute(sql`grant usage on schema drizzle to ${role}`);
    await tx.execute(sql`grant select on all tables in schema drizzle to ${role}`);
  });
}

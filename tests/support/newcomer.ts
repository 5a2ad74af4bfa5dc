import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases, people } from "../../db/schema.ts";
import { importCsv } from "../../src/cases/import/index.ts";
import { planReminders } from "../../src/jobs/reminderSweep.ts";
import { testContext } from "./db.ts";

/**
 * A worker imported the new way, with an e-mail address and no platform id, who takes over a case
 * with a reminder due `today`. Returns that case's zaaknummer.
 */
export async function importNewcomer(db: Db, today: string, code: string, email: string): Promise<string> {
  const ctx = testContext(db, today);
  const imported = await importCsv(
    ctx,
    null,
    "people",
    `code;naam;rol;team;fte;email\n${code};Nina Nieuw;jeugdbeschermer;NOORD;1;${email}\n`,
  );
  if (!imported.ok) throw new Error(imported.error.message);
  const [newcomer] = await db.select().from(people).where(eq(people.code, code));
  const due = (await planReminders(db, ctx, today)).find((r) => r.stage !== "escalatie" && r.recipient);
  if (!newcomer || !due) throw new Error("no reminder due to hand over");
  await db.update(cases).set({ ownerId: newcomer.id }).where(eq(cases.id, due.caseId));
  const after = await planReminders(db, ctx, today);
  if (!after.some((r) => r.zaaknummer === due.zaaknummer && r.recipient === code))
    throw new Error("the newcomer has no reminder due");
  return due.zaaknummer;
}

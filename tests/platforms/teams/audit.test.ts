import { and, desc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog, cases, people } from "../../../db/schema.ts";
import { startTeamsHarness, type TeamsHarness } from "./harness.ts";

// Issue 12: the privacy officer (role beheerder) asks in chat who saw a child's case, or what a
// colleague accessed; nobody else may ask, and asking is itself in the read log.

const TODAY = "2026-11-23";
const OFFICER = "fb-1";
let h: TeamsHarness;
let owner = "";
let zaaknummer = "";

beforeAll(async () => {
  h = await startTeamsHarness(TODAY);
  const [mine] = await h.db
    .select({ zaaknummer: cases.zaaknummer, code: people.code })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.ownerId))
    .where(and(ne(cases.phase, "afgesloten"), ne(people.code, OFFICER)))
    .limit(1);
  if (!mine) throw new Error("the demo has no owned case");
  owner = mine.code;
  zaaknummer = mine.zaaknummer;
});
afterAll(async () => h.close());

const lastRow = async () => {
  const [row] = await h.db
    .select({
      action: auditLog.action,
      via: auditLog.via,
      outcome: auditLog.outcome,
      z: auditLog.zaaknummers,
    })
    .from(auditLog)
    .where(eq(auditLog.action, "auditlog_zaak_ingezien"))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
};

it("the beheerder sees who read a case, and that question is logged as a read", async () => {
  await h.say(owner, `zaak ${zaaknummer}`);
  await h.cardTo(owner, zaaknummer);
  await h.say(OFFICER, `audit ${zaaknummer}`);
  const card = await h.cardTo(OFFICER, `Auditlog zaak ${zaaknummer}`);
  expect(card).toContain(owner);
  expect(card).toContain("zaak ingezien");
  expect(card).toContain("gelezen");
  expect(await lastRow()).toEqual({
    action: "auditlog_zaak_ingezien",
    via: "teams",
    outcome: "gelukt",
    z: [zaaknummer],
  });
});

it("the beheerder sees what a colleague accessed in a period", async () => {
  await h.say(OFFICER, `audit persoon ${owner} 01-11-2026 23-11-2026`);
  const card = await h.cardTo(OFFICER, `Auditlog van ${owner}`);
  expect(card).toContain(zaaknummer);
});

it("anyone else is refused, and the refusal is logged", async () => {
  await h.say(owner, `audit ${zaaknummer}`);
  const card = await h.cardTo(owner, "beheerder");
  expect(card).not.toContain("Auditlog zaak");
  expect(await lastRow()).toMatchObject({ outcome: "geweigerd", via: "teams" });
});

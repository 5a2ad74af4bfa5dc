import { readFileSync } from "node:fs";
import { asc, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import {
  arijAssessments,
  auditLog,
  cases,
  channelBindings,
  contacts,
  deadlines,
  linkedAccounts,
  people,
  people as peopleTable,
  teams,
} from "../../db/schema.ts";
import type { CaseContext } from "../../src/cases/context.ts";
import { type ImportKind, type ImportSummary, importCsv } from "../../src/cases/import/index.ts";
import { linkByEmail } from "../../src/cases/linkedAccounts.ts";
import type { Result } from "../../src/cases/result.ts";
import { accountIdOf } from "../support/accounts.ts";
import { testContext, testDatabase } from "../support/db.ts";

const TODAY = "2026-05-04";
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), "utf8");

const CASE_HEADER =
  "zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar;uitspraak_op;einddatum;geboortejaren;laatste_contact;laatste_arij;arij_risico;contactfrequentie_weken;kernbesluit_op;directe_onveiligheid";

function summaryOf(result: Result<ImportSummary>): ImportSummary {
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
  return result.value;
}

function rowsOf(result: Result<ImportSummary>) {
  if (result.ok) throw new Error("expected the import to be refused");
  expect(result.error.code).toBe("validation");
  return result.error.rows ?? [];
}

async function snapshot(db: Db) {
  return {
    teams: await db.select().from(teams).orderBy(asc(teams.id)),
    people: await db.select().from(people).orderBy(asc(people.id)),
    accounts: await db
      .select()
      .from(linkedAccounts)
      .orderBy(asc(linkedAccounts.personId), asc(linkedAccounts.platform)),
    channels: await db
      .select()
      .from(channelBindings)
      .orderBy(asc(channelBindings.teamId), asc(channelBindings.platform)),
    cases: await db.select().from(cases).orderBy(asc(cases.id)),
    contacts: await db.select().from(contacts).orderBy(asc(contacts.id)),
    arij: await db.select().from(arijAssessments).orderBy(asc(arijAssessments.id)),
    deadlines: await db.select().from(deadlines).orderBy(asc(deadlines.caseId), asc(deadlines.kind)),
    audit: (await db.select({ n: count() }).from(auditLog))[0]?.n,
  };
}

/** A team's channel per platform. */
async function channelsOf(db: Db, code: string) {
  const rows = await db
    .select({ platform: channelBindings.platform, channel: channelBindings.channelId })
    .from(channelBindings)
    .innerJoin(teams, eq(teams.id, channelBindings.teamId))
    .where(eq(teams.code, code));
  return Object.fromEntries(rows.map((r) => [r.platform, r.channel]));
}

async function caseByNumber(db: Db, zaaknummer: string) {
  const [row] = await db.select().from(cases).where(eq(cases.zaaknummer, zaaknummer));
  if (!row) throw new Error(`no case ${zaaknummer}`);
  return row;
}

describe("importCsv: a full cycle of teams, people and cases", () => {
  let db: Db;
  let close: () => Promise<void>;
  let ctx: CaseContext;

  beforeAll(async () => {
    ({ db, close } = await testDatabase());
    ctx = testContext(db, TODAY);
  });
  afterAll(async () => close());

  it("imports teams and people", async () => {
    expect(summaryOf(await importCsv(ctx, null, "teams", fixture("teams.csv")))).toEqual({
      kind: "teams",
      inserted: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(summaryOf(await importCsv(ctx, null, "people", fixture("people.csv")))).toEqual({
      kind: "people",
      inserted: 5,
      updated: 0,
      unchanged: 0,
    });
    const [jb] = await db.select().from(people).where(eq(people.code, "jb-1"));
    expect(jb).toMatchObject({ name: "Jet Voorbeeld", role: "jeugdbeschermer", fte: 0.8 });
    expect(await accountIdOf(db, "slack", "jb-1")).toBe("U001");
    const [noord] = await db.select().from(teams).where(eq(teams.code, "NOORD"));
    expect(noord).toMatchObject({ kind: "regulier" });
    expect(await channelsOf(db, "NOORD")).toEqual({ slack: "C0NOORD" });
    const audits = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["import_teams", "import_people"]);
    expect(audits[1]?.details).toMatchObject({ inserted: 5, updated: 0, unchanged: 0 });
  });

  it("refuses a file with one bad row and writes nothing", async () => {
    const before = await snapshot(db);
    const result = await importCsv(ctx, null, "cases", fixture("cases-bad.csv"));
    expect(rowsOf(result)).toEqual([
      {
        line: 3,
        column: "maatregel",
        message: "regel 3, kolom maatregel: kies ots, vots, voogdij, vvoogdij of jr",
      },
    ]);
    if (!result.ok) expect(result.error.message).toContain("regel 3, kolom maatregel");
    expect(await snapshot(db)).toEqual(before);
  });

  it("imports the fixed file with its history, priority and deadlines", async () => {
    expect(summaryOf(await importCsv(ctx, null, "cases", fixture("cases.csv")))).toEqual({
      kind: "cases",
      inserted: 4,
      updated: 0,
      unchanged: 0,
    });
    const z1 = await caseByNumber(db, "Z-1");
    expect(z1).toMatchObject({
      phase: "aangemeld",
      phaseSince: "2026-04-27",
      priorityClass: null,
      birthYears: [2020],
    });
    const z3 = await caseByNumber(db, "Z-3");
    expect(z3).toMatchObject({
      measure: "voogdij",
      phase: "regulier",
      phaseSince: "2025-06-01",
      birthYears: [2015, 2017],
    });
    expect(z3.priorityClass).not.toBeNull();
    const z4 = await caseByNumber(db, "Z-4");
    const [crt1] = await db.select().from(people).where(eq(people.code, "crt-1"));
    expect(z4).toMatchObject({
      ownerId: crt1?.id,
      endDate: "2026-11-09",
      contactFrequencyWeeks: 6,
      plannedKernbesluit: "2026-06-10",
      directUnsafe: true,
      priorityClass: "A",
    });
    expect(await db.select().from(contacts).where(eq(contacts.caseId, z4.id))).toMatchObject([
      { date: "2026-03-05", kind: "kind_face_to_face" },
    ]);
    expect(await db.select().from(arijAssessments).where(eq(arijAssessments.caseId, z3.id))).toMatchObject([
      { date: "2026-01-10", risk: "laag", reason: "periodiek" },
    ]);
    const z2 = await caseByNumber(db, "Z-2");
    const kinds = (await db.select().from(deadlines).where(eq(deadlines.caseId, z2.id))).map((d) => d.kind);
    expect(kinds).toContain("eerste_contact");
    expect(kinds).toContain("arij_mdo");
    expect(kinds).not.toContain("triage");
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "import_cases"));
    expect(audit?.details).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    // Each case is named once, in the row's zaaknummers, not again in its details.
    expect([...(audit?.zaaknummers ?? [])].sort()).toEqual(["Z-1", "Z-2", "Z-3", "Z-4"]);
  });

  it("changes nothing when the same files are imported again", async () => {
    const before = await snapshot(db);
    for (const [kind, file, n] of [
      ["teams", "teams.csv", 3],
      ["people", "people.csv", 5],
      ["cases", "cases.csv", 4],
    ] as const) {
      expect(summaryOf(await importCsv(ctx, null, kind, fixture(file)))).toEqual({
        kind,
        inserted: 0,
        updated: 0,
        unchanged: n,
      });
    }
    expect(await snapshot(db)).toEqual(before);
    // Also on a later day: the waiting time alone does not rewrite an imported priority.
    const later = testContext(db, "2026-06-01");
    expect(summaryOf(await importCsv(later, null, "cases", fixture("cases.csv"))).unchanged).toBe(4);
    expect(await snapshot(db)).toEqual(before);
  });

  it("counts and writes an update of an existing row", async () => {
    const teamsCsv = fixture("teams.csv").replace("Team Fictief Noord", "Team Fictief Noord-Oost");
    expect(summaryOf(await importCsv(ctx, null, "teams", teamsCsv))).toEqual({
      kind: "teams",
      inserted: 0,
      updated: 1,
      unchanged: 2,
    });
    const [noord] = await db.select().from(teams).where(eq(teams.code, "NOORD"));
    expect(noord?.name).toBe("Team Fictief Noord-Oost");
    expect((await channelsOf(db, "NOORD")).slack).toBe("C0NOORD");

    const peopleCsv = fixture("people.csv").replace(
      "jb-1;Jet Voorbeeld;jeugdbeschermer;NOORD;0,8",
      "jb-1;Jet Voorbeeld;jeugdbeschermer;CRT;1,0",
    );
    expect(summaryOf(await importCsv(ctx, null, "people", peopleCsv))).toMatchObject({
      updated: 1,
      unchanged: 4,
    });
    const [jb] = await db.select().from(people).where(eq(people.code, "jb-1"));
    const [crt] = await db.select().from(teams).where(eq(teams.code, "CRT"));
    expect(jb).toMatchObject({ teamId: crt?.id, fte: 1 });

    const audits = (await db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
    // Z-3 moves to the CRT's werkvoorraad and has a new contact; Z-2 gets its first contact.
    const casesCsv = fixture("cases.csv")
      .replace(
        "Z-3;voogdij;2025-06-01;regulier;NOORD;jb-1;;;2015 2017;2026-03-25",
        "Z-3;voogdij;2025-06-01;crt;CRT;;;;2015 2017;2026-04-30",
      )
      .replace(
        "Z-2;jr;2026-04-20;ccp;CCP;ccp-1;2026-04-15;;2011;",
        "Z-2;jr;2026-04-20;ccp;CCP;ccp-1;2026-04-15;;2011;2026-04-22",
      );
    const z2Before = await caseByNumber(db, "Z-2");
    expect(summaryOf(await importCsv(ctx, null, "cases", casesCsv))).toEqual({
      kind: "cases",
      inserted: 0,
      updated: 2,
      unchanged: 2,
    });
    const z3 = await caseByNumber(db, "Z-3");
    expect(z3).toMatchObject({ phase: "crt", phaseSince: TODAY, teamId: crt?.id, ownerId: null });
    expect(
      (await db.select().from(contacts).where(eq(contacts.caseId, z3.id))).map((c) => c.date).sort(),
    ).toEqual(["2026-03-25", "2026-04-30"]);
    // A contact alone does not rewrite the case row, but it does move the deadlines.
    const z2 = await caseByNumber(db, "Z-2");
    expect(z2.updatedAt).toEqual(z2Before.updatedAt);
    const z2Kinds = (await db.select().from(deadlines).where(eq(deadlines.caseId, z2.id))).map((d) => d.kind);
    expect(z2Kinds).not.toContain("eerste_contact");
    expect((await db.select({ n: count() }).from(auditLog))[0]?.n).toBe(audits + 1);
  });

  it("lets only a beheerder import", async () => {
    const [jb] = await db.select().from(people).where(eq(people.code, "jb-1"));
    const [beh] = await db.select().from(people).where(eq(people.code, "beh-1"));
    const refused = await importCsv(
      ctx,
      { personId: jb?.id ?? 0, via: "local" },
      "teams",
      fixture("teams.csv"),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const allowed = await importCsv(
      ctx,
      { personId: beh?.id ?? 0, via: "local" },
      "teams",
      "code;naam;soort\nZUID;Team Zuid;regulier\n",
    );
    expect(summaryOf(allowed).inserted).toBe(1);
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: "import_teams", actorId: beh?.id, via: "local" });
  });
});

describe("importCsv: reading the file", () => {
  let db: Db;
  let close: () => Promise<void>;
  let ctx: CaseContext;

  beforeAll(async () => {
    ({ db, close } = await testDatabase());
    ctx = testContext(db, TODAY);
    summaryOf(await importCsv(ctx, null, "teams", fixture("teams.csv")));
  });
  afterAll(async () => close());

  it("reads a ';' file with a BOM, CRLF, spaced and upper-case headers and trailing blank lines", async () => {
    const text = "\uFEFF Code ;NAAM;Rol;team;FTE\r\np-1;Piet Een;jeugdbeschermer;NOORD;0,75\r\n\r\n\r\n";
    expect(summaryOf(await importCsv(ctx, null, "people", text))).toMatchObject({ inserted: 1 });
    const [p] = await db.select().from(people).where(eq(people.code, "p-1"));
    expect(p).toMatchObject({ name: "Piet Een", fte: 0.75 });
  });

  it("reads a ',' file with quoted fields", async () => {
    const text =
      'code,naam,rol,team,fte,slack_id\np-2,"Twee, Pieter ""PT""",gedragswetenschapper,CRT,"0,6",U900\n';
    expect(summaryOf(await importCsv(ctx, null, "people", text))).toMatchObject({ inserted: 1 });
    const [p] = await db.select().from(people).where(eq(people.code, "p-2"));
    expect(p).toMatchObject({
      name: 'Twee, Pieter "PT"',
      fte: 0.6,
      role: "gedragswetenschapper",
    });
    expect(await accountIdOf(db, "slack", "p-2")).toBe("U900");
  });

  it("reads a ',' file with a BOM and CRLF, and the same people again as unchanged", async () => {
    const text = "\uFEFFcode,naam,rol,team,fte\r\np-1,Piet Een,jeugdbeschermer,NOORD,0.75\r\n";
    expect(summaryOf(await importCsv(ctx, null, "people", text))).toMatchObject({
      inserted: 0,
      unchanged: 1,
    });
  });

  it("counts lines inside quoted fields and blank lines in the middle", async () => {
    const text = 'code;naam;soort\n"A";"Team\nA";regulier\n\nB;Team B;fout\n';
    // A name over two lines is refused (issue 15 item 11); the next record is still on line 5.
    expect(rowsOf(await importCsv(ctx, null, "teams", text))).toEqual([
      {
        line: 2,
        column: "naam",
        message: "regel 2, kolom naam: de naam van het team mag niet over meer regels gaan",
      },
      { line: 5, column: "soort", message: "regel 5, kolom soort: kies regulier, ccp of crt" },
    ]);
  });

  it("reports an unterminated quote, an empty file and a row with too many fields", async () => {
    expect(
      rowsOf(await importCsv(ctx, null, "teams", 'code;naam;soort\nA;"Team A;regulier\n')),
    ).toMatchObject([{ line: 2 }]);
    expect(rowsOf(await importCsv(ctx, null, "teams", "\n\n"))).toMatchObject([{ line: 1 }]);
    expect(
      rowsOf(await importCsv(ctx, null, "teams", "code;naam;soort\nA;Team A;regulier;extra\n")),
    ).toMatchObject([{ line: 2, message: expect.stringContaining("4 velden") }]);
  });
});

describe("importCsv: every column is checked", () => {
  let db: Db;
  let close: () => Promise<void>;
  let ctx: CaseContext;

  beforeAll(async () => {
    ({ db, close } = await testDatabase());
    ctx = testContext(db, TODAY);
    summaryOf(await importCsv(ctx, null, "teams", fixture("teams.csv")));
    summaryOf(await importCsv(ctx, null, "people", fixture("people.csv")));
    // An inactive person cannot own cases.
    await db.update(people).set({ active: false }).where(eq(people.code, "pb-1"));
  });
  afterAll(async () => close());

  const caseLine = (over: Partial<Record<string, string>>) => {
    const base: Record<string, string> = {
      zaaknummer: "Z-9",
      maatregel: "ots",
      ontvangen_op: "2026-04-01",
      fase: "crt",
      team: "CRT",
      eigenaar: "",
      uitspraak_op: "",
      einddatum: "",
      geboortejaren: "",
      laatste_contact: "",
      laatste_arij: "",
      arij_risico: "",
      contactfrequentie_weken: "",
      kernbesluit_op: "",
      directe_onveiligheid: "",
      ...over,
    };
    return CASE_HEADER.split(";")
      .map((c) => base[c])
      .join(";");
  };
  const casesFile = (...lines: string[]) => [CASE_HEADER, ...lines].join("\n");

  const cases_: [string, ImportKind, string, number, string, string][] = [
    ["bad soort", "teams", "code;naam;soort\nX;Team X;anders", 2, "soort", "kies regulier, ccp of crt"],
    ["empty naam", "teams", "code;naam;soort\nX;;crt", 2, "naam", "vul de naam van het team in"],
    ["bad code", "teams", "code;naam;soort\nX Y;Team X;crt", 2, "code", "letters, cijfers"],
    [
      "duplicate team code",
      "teams",
      "code;naam;soort\nX;Team X;crt\nX;Team X2;crt",
      3,
      "code",
      "X staat ook al op regel 2",
    ],
    ["missing soort column", "teams", "code;naam\nX;Team X", 1, "soort", "ontbreekt"],
    ["unknown column", "teams", "code;naam;soort;kleur\nX;Team X;crt;rood", 1, "kleur", "onbekende kolom"],
    ["bad rol", "people", "code;naam;rol;team;fte\nq;Q;directeur;NOORD;1", 2, "rol", "kies jeugdbeschermer"],
    [
      "fte zero",
      "people",
      "code;naam;rol;team;fte\nq;Q;ccp;NOORD;0",
      2,
      "fte",
      "vul een getal groter dan 0 in",
    ],
    [
      "fte too large",
      "people",
      "code;naam;rol;team;fte\nq;Q;ccp;NOORD;1,5",
      2,
      "fte",
      "vul hoogstens 1,2 in",
    ],
    [
      "fte not a number",
      "people",
      "code;naam;rol;team;fte\nq;Q;ccp;NOORD;veel",
      2,
      "fte",
      "vul een getal in",
    ],
    ["fte three decimals", "people", "code;naam;rol;team;fte\nq;Q;ccp;NOORD;0,875", 2, "fte", "twee cijfers"],
    ["unknown team", "people", "code;naam;rol;team;fte\nq;Q;ccp;OOST;1", 2, "team", "team OOST bestaat niet"],
    [
      "slack id of someone else",
      "people",
      "code;naam;rol;team;fte;slack_id\nq;Q;ccp;NOORD;1;U001",
      2,
      "slack_id",
      "U001 hoort al bij jb-1",
    ],
    [
      "e-mail not an address",
      "people",
      "code;naam;rol;team;fte;email\nq;Q;ccp;NOORD;1;q at gi",
      2,
      "email",
      "vul een e-mailadres in",
    ],
    [
      "same e-mail twice",
      "people",
      "code;naam;rol;team;fte;email\nq;Q;ccp;NOORD;1;q@gi.example\nr;R;ccp;NOORD;1;Q@GI.example",
      3,
      "email",
      "dit e-mailadres hoort al bij q (regel 2)",
    ],
    ["bad maatregel", "cases", casesFile(caseLine({ maatregel: "ots+" })), 2, "maatregel", "kies ots, vots"],
    ["bad fase", "cases", casesFile(caseLine({ fase: "klaar" })), 2, "fase", "kies aangemeld, ccp"],
    ["unknown team", "cases", casesFile(caseLine({ team: "OOST" })), 2, "team", "team OOST bestaat niet"],
    [
      "unknown eigenaar",
      "cases",
      casesFile(caseLine({ eigenaar: "nobody" })),
      2,
      "eigenaar",
      "persoon nobody bestaat niet",
    ],
    [
      "inactive eigenaar",
      "cases",
      casesFile(caseLine({ eigenaar: "pb-1" })),
      2,
      "eigenaar",
      "niet meer actief",
    ],
    ["no date", "cases", casesFile(caseLine({ ontvangen_op: "" })), 2, "ontvangen_op", "vul een datum in"],
    [
      "not a real date",
      "cases",
      casesFile(caseLine({ ontvangen_op: "2026-02-30" })),
      2,
      "ontvangen_op",
      "bestaande datum",
    ],
    [
      "Dutch date order",
      "cases",
      casesFile(caseLine({ uitspraak_op: "01-04-2026" })),
      2,
      "uitspraak_op",
      "JJJJ-MM-DD",
    ],
    [
      "future date",
      "cases",
      casesFile(caseLine({ ontvangen_op: "2026-05-05" })),
      2,
      "ontvangen_op",
      "in de toekomst",
    ],
    [
      "future contact",
      "cases",
      casesFile(caseLine({ laatste_contact: "2026-05-05" })),
      2,
      "laatste_contact",
      "toekomst",
    ],
    [
      "contact before receipt",
      "cases",
      casesFile(caseLine({ laatste_contact: "2026-03-01" })),
      2,
      "laatste_contact",
      "vóór ontvangen_op",
    ],
    [
      "end before receipt",
      "cases",
      casesFile(caseLine({ einddatum: "2026-03-01" })),
      2,
      "einddatum",
      "na ontvangen_op",
    ],
    [
      "voorlopige OTS longer than 3 months",
      "cases",
      casesFile(caseLine({ maatregel: "vots", uitspraak_op: "2026-04-01", einddatum: "2026-07-02" })),
      2,
      "einddatum",
      "hoogstens 3 maanden",
    ],
    [
      "OTS longer than a year",
      "cases",
      casesFile(caseLine({ uitspraak_op: "2026-03-30", einddatum: "2027-04-01" })),
      2,
      "einddatum",
      "hoogstens een jaar",
    ],
    [
      "bad kernbesluit date",
      "cases",
      casesFile(caseLine({ kernbesluit_op: "2026-13-01" })),
      2,
      "kernbesluit_op",
      "bestaande datum",
    ],
    [
      "arij_risico missing",
      "cases",
      casesFile(caseLine({ laatste_arij: "2026-04-10" })),
      2,
      "arij_risico",
      "vul het risico",
    ],
    [
      "arij_risico without date",
      "cases",
      casesFile(caseLine({ arij_risico: "hoog" })),
      2,
      "arij_risico",
      "laatste_arij",
    ],
    [
      "bad arij_risico",
      "cases",
      casesFile(caseLine({ laatste_arij: "2026-04-10", arij_risico: "extreem" })),
      2,
      "arij_risico",
      "kies laag, middelmatig of hoog",
    ],
    [
      "bad directe_onveiligheid",
      "cases",
      casesFile(caseLine({ directe_onveiligheid: "misschien" })),
      2,
      "directe_onveiligheid",
      "kies ja of nee",
    ],
    [
      "bad geboortejaren",
      "cases",
      casesFile(caseLine({ geboortejaren: "2015,2017" })),
      2,
      "geboortejaren",
      "jaartallen",
    ],
    [
      "adult birth year",
      "cases",
      casesFile(caseLine({ geboortejaren: "1990" })),
      2,
      "geboortejaren",
      "minderjarige",
    ],
    [
      "frequency too high",
      "cases",
      casesFile(caseLine({ contactfrequentie_weken: "14" })),
      2,
      "contactfrequentie_weken",
      "1 tot en met 13",
    ],
    [
      "bad zaaknummer",
      "cases",
      casesFile(caseLine({ zaaknummer: "Z 9" })),
      2,
      "zaaknummer",
      "vorm van zaaknummers",
    ],
    [
      "duplicate zaaknummer",
      "cases",
      casesFile(caseLine({}), caseLine({ zaaknummer: "Z-8" }), caseLine({})),
      4,
      "zaaknummer",
      "Z-9 staat ook al op regel 2",
    ],
    [
      "missing fase column",
      "cases",
      "zaaknummer;maatregel;ontvangen_op;team\nZ-9;ots;2026-04-01;CRT",
      1,
      "fase",
      "ontbreekt",
    ],
  ];

  it.each(cases_)("%s (%s)", async (_name, kind, text, line, column, fragment) => {
    const before = await snapshot(db);
    const rows = rowsOf(await importCsv(ctx, null, kind, text));
    const row = rows.find((r) => r.line === line && r.column === column);
    expect(row, JSON.stringify(rows)).toBeDefined();
    expect(row?.message).toMatch(new RegExp(`^regel ${line}, kolom ${column}: `));
    expect(row?.message).toContain(fragment);
    expect(await snapshot(db)).toEqual(before);
  });

  it("reports every bad row of a file, in line order, and names them in the message", async () => {
    const text = casesFile(
      caseLine({ fase: "klaar" }),
      caseLine({ zaaknummer: "Z-8" }),
      caseLine({ zaaknummer: "Z-7", fase: "ccp", team: "OOST", directe_onveiligheid: "wel" }),
    );
    const result = await importCsv(ctx, null, "cases", text);
    expect(rowsOf(result).map((r) => [r.line, r.column])).toEqual([
      [2, "fase"],
      [4, "directe_onveiligheid"],
      [4, "team"],
    ]);
    if (!result.ok) {
      expect(result.error.message).toContain("2 regels");
      expect(result.error.message).toContain("regel 4, kolom team: team OOST bestaat niet");
    }
    expect((await db.select({ n: count() }).from(cases))[0]?.n).toBe(0);
  });

  it("accepts upper-case choices and an fte with a comma", async () => {
    const text = casesFile(
      caseLine({ maatregel: "OTS", fase: "Regulier", directe_onveiligheid: "Nee", team: "NOORD" }),
    );
    expect(summaryOf(await importCsv(ctx, null, "cases", text))).toMatchObject({ inserted: 1 });
    const z9 = await caseByNumber(db, "Z-9");
    expect(z9).toMatchObject({ measure: "ots", phase: "regulier", directUnsafe: false });
  });
});

describe("importCsv: e-mail addresses and linked accounts", () => {
  let db: Db;
  let close: () => Promise<void>;
  let ctx: CaseContext;
  const people = (rows: string) =>
    importCsv(ctx, null, "people", `code;naam;rol;team;fte;email;slack_id\n${rows}`);

  beforeAll(async () => {
    ({ db, close } = await testDatabase());
    ctx = testContext(db, TODAY);
    summaryOf(await importCsv(ctx, null, "teams", fixture("teams.csv")));
  });
  afterAll(async () => close());

  it("stores an e-mail address in lower case, and the same file again changes nothing", async () => {
    const file = "a;Anna;jeugdbeschermer;NOORD;1;Anna.B@GI.example;\nb;Bert;jeugdbeschermer;NOORD;1;;U0B";
    expect(summaryOf(await people(file))).toMatchObject({ inserted: 2 });
    const [anna] = await db.select().from(peopleTable).where(eq(peopleTable.code, "a"));
    expect(anna?.email).toBe("anna.b@gi.example");
    expect(summaryOf(await people(file))).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it("refuses an address someone else has without repeating it", async () => {
    const rows = rowsOf(await people("c;Cor;jeugdbeschermer;NOORD;1;anna.b@gi.example;"));
    expect(rows).toEqual([{ line: 2, column: "email", message: expect.stringContaining("hoort al bij a") }]);
    expect(JSON.stringify(rows)).not.toContain("anna.b@");
  });

  it("an empty id cell removes an id linked from the file, never an account linked by e-mail", async () => {
    const [anna] = await db.select().from(peopleTable).where(eq(peopleTable.code, "a"));
    await linkByEmail(ctx, "slack", "U0A", ["anna.b@gi.example"], "first_contact");
    expect(
      summaryOf(
        await people("a;Anna;jeugdbeschermer;NOORD;1;anna.b@gi.example;\nb;Bert;jeugdbeschermer;NOORD;1;;"),
      ),
    ).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await accountIdOf(db, "slack", anna!.id)).toBe("U0A");
    expect(await accountIdOf(db, "slack", "b")).toBeNull();
  });

  it("moves a Slack id from one person to another in one file", async () => {
    summaryOf(await people("b;Bert;jeugdbeschermer;NOORD;1;;U0B"));
    expect(
      summaryOf(await people("b;Bert;jeugdbeschermer;NOORD;1;;U0X\nd;Dirk;jeugdbeschermer;NOORD;1;;U0B")),
    ).toMatchObject({
      inserted: 1,
      updated: 1,
    });
    expect(await accountIdOf(db, "slack", "d")).toBe("U0B");
    expect(await accountIdOf(db, "slack", "b")).toBe("U0X");
  });
});

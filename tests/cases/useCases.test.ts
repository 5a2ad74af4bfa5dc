import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { auditLog, cases, people, teams } from "../../db/schema.ts";
import { capacityOverview } from "../../src/cases/capacityOverview.ts";
import { showCase } from "../../src/cases/caseCard.ts";
import type { Actor, CaseContext } from "../../src/cases/context.ts";
import { listDue } from "../../src/cases/dueList.ts";
import { markMilestone } from "../../src/cases/markMilestone.ts";
import { overridePriority } from "../../src/cases/overridePriority.ts";
import { recordArij } from "../../src/cases/recordArij.ts";
import { recordContact } from "../../src/cases/recordContact.ts";
import { recordKernbeslissing } from "../../src/cases/recordKernbeslissing.ts";
import { registerCase } from "../../src/cases/registerCase.ts";
import type { Result } from "../../src/cases/result.ts";
import { triageCase } from "../../src/cases/triageCase.ts";
import { listWerkvoorraad } from "../../src/cases/werkvoorraad.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Monday 20 April 2026: Koningsdag (Monday 27 April) and Bevrijdingsdag (5 May) lie ahead.
const TODAY = "2026-04-20";

let db: Db;
let close: () => Promise<void>;
let ctx: CaseContext;
const who: Record<string, Actor> = {};

function expectError<T>(result: Result<T>, code: string, field?: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expect(result.error.code).toBe(code);
  if (field) {
    expect(result.error.fields?.[field]).toBeTruthy();
    return result.error.fields?.[field] ?? "";
  }
  return result.error.message;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const dueKinds = (deadlines: { kind: string; due: string }[]) =>
  Object.fromEntries(deadlines.map((d) => [d.kind, d.due]));

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  ctx = testContext(db, TODAY);
  const [reg, ccp, crt, reg2] = await db
    .insert(teams)
    .values([
      { code: "REG", name: "Regio Test", kind: "regulier" },
      { code: "CCP", name: "CCP Test", kind: "ccp" },
      { code: "CRT", name: "CRT Test", kind: "crt" },
      { code: "REG2", name: "Regio Twee", kind: "regulier" },
    ])
    .returning();
  const staff = await db
    .insert(people)
    .values([
      { code: "ccp-1", name: "Cas Coördinator", role: "ccp", teamId: ccp!.id, fte: 1 },
      { code: "pb-reg", name: "Pia Begeleider", role: "praktijkbegeleider", teamId: reg!.id, fte: 1 },
      { code: "jb-reg", name: "Joost Beschermer", role: "jeugdbeschermer", teamId: reg!.id, fte: 1 },
      { code: "jb-reg2", name: "Jill Anderteam", role: "jeugdbeschermer", teamId: reg2!.id, fte: 0.5 },
      { code: "gw-1", name: "Gert Wetenschapper", role: "gedragswetenschapper", teamId: reg!.id, fte: 1 },
      { code: "ajb-crt", name: "Anna Assistent", role: "assistent_jeugdbeschermer", teamId: crt!.id, fte: 1 },
      { code: "tm-1", name: "Tom Manager", role: "teammanager", teamId: reg!.id, fte: 1 },
    ])
    .returning();
  for (const p of staff) who[p.code] = { personId: p.id, via: "test" };
});

afterAll(async () => {
  await close();
});

describe("register a case", () => {
  it("registers a new case in phase aangemeld with its intake deadlines", async () => {
    const r = value(
      await registerCase(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0001",
        measure: "ots",
        receivedOn: "2026-04-20",
        team: "CCP",
        birthYears: [2019],
      }),
    );
    expect(r.zaaknummer).toBe("2026-0001");
    const card = value(await showCase(ctx, who["ccp-1"]!, { zaaknummer: "2026-0001" }));
    expect(card.phase).toBe("aangemeld");
    // 2 and 5 werkdagen after Monday 20 April, with Koningsdag (27 April) not counted.
    expect(dueKinds(card.deadlines)).toMatchObject({ triage: "2026-04-22", eerste_contact: "2026-04-28" });
  });

  it("refuses a zaaknummer that exists, at the field", async () => {
    const msg = expectError(
      await registerCase(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0001",
        measure: "ots",
        receivedOn: TODAY,
        team: "CCP",
      }),
      "validation",
      "zaaknummer",
    );
    expect(msg).toContain("bestaat al");
  });

  it.each([
    [{ receivedOn: "2026-04-21" }, "receivedOn", "toekomst"],
    [{ receivedOn: "2026-02-30" }, "receivedOn", "geldige datum"],
    [{ measure: "kinderbescherming" }, "measure", "maatregel"],
    [{ team: "NOPE" }, "team", "bestaat niet"],
    [{ zaaknummer: "" }, "zaaknummer", "zaaknummer"],
    [{ zaaknummer: "Jan de Vries" }, "zaaknummer", "bevat cijfers"],
    [{ zaaknummer: "111222333" }, "zaaknummer", "11-proef"],
    [{ zaaknummer: "Z 9" }, "zaaknummer", "vorm van zaaknummers"],
    [{ birthYears: [1990] }, "birthYears", "minderjarige"],
  ])("refuses bad input %o with a Dutch message at %s", async (change, field, words) => {
    const input = { zaaknummer: "2026-0999", measure: "ots", receivedOn: TODAY, team: "CCP", ...change };
    expect(expectError(await registerCase(ctx, who["ccp-1"]!, input), "validation", field)).toContain(words);
  });

  it("lets only CCP staff, PBs and administrators register", async () => {
    const input = { zaaknummer: "2026-0998", measure: "ots", receivedOn: TODAY, team: "CCP" };
    expect(expectError(await registerCase(ctx, who["jb-reg"]!, input), "forbidden")).toContain("Alleen");
  });
});

describe("triage", () => {
  it("triages a new case with directe kind-onveiligheid: class A, safety first, phase ccp", async () => {
    const o = value(
      await triageCase(ctx, who["ccp-1"]!, {
        newCase: {
          zaaknummer: "2026-0002",
          measure: "vots",
          receivedOn: "2026-04-16",
          team: "CCP",
          birthYears: [2023],
        },
        criteria: ["fysiek_geweld", "huiselijk_geweld"],
        arijRisk: "hoog",
        arijDate: "2026-04-15",
        problems: ["verslaving_ouder"],
        sustainingFactors: [],
        helpInPlace: false,
        regularTeamHasRoom: false,
      }),
    );
    expect(o.directUnsafe).toBe(true);
    expect(o.criteria.map((c) => c.id)).toEqual(["fysiek_geweld", "huiselijk_geweld"]);
    expect(o.priority.priorityClass).toBe("A");
    expect(o.routing.advice).toBe("veiligheid_eerst");
    const points = Object.fromEntries(o.priority.factors.map((f) => [f.factor, f.points]));
    expect(points).toMatchObject({ arij: 40, problematiek: 6, leeftijd: 20 });
    // Triage is done: the case is with the CCP and only the later intake deadlines remain.
    expect(o.deadlines.map((d) => d.kind)).not.toContain("triage");
    // Thursday 16 April + 5 werkdagen = Thursday 23 April.
    expect(dueKinds(o.deadlines)).toMatchObject({ eerste_contact: "2026-04-23" });
    const card = value(await showCase(ctx, who["ccp-1"]!, { zaaknummer: "2026-0002" }));
    expect(card.phase).toBe("ccp");
    expect(card.priority?.priorityClass).toBe("A");
  });

  it("triages an existing case without unsafety: CRT advice unless a regular team has room", async () => {
    const o = value(
      await triageCase(ctx, who["gw-1"]!, {
        zaaknummer: "2026-0001",
        criteria: [],
        arijRisk: "laag",
        arijDate: "2026-04-17",
        helpInPlace: true,
        regularTeamHasRoom: false,
      }),
    );
    expect(o.directUnsafe).toBe(false);
    expect(o.routing.advice).toBe("crt");
    expect(o.routing.steps.join(" ")).toContain("kernbeslissing");
    expect(["B", "C", "D"]).toContain(o.priority.priorityClass);
  });

  it("refuses a case that is neither existing nor new, an unknown criterion, and a JB", async () => {
    expectError(
      await triageCase(ctx, who["ccp-1"]!, {
        criteria: [],
        arijRisk: null,
        helpInPlace: true,
        regularTeamHasRoom: true,
      }),
      "validation",
      "zaaknummer",
    );
    expectError(
      await triageCase(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0001",
        criteria: ["boos"],
        helpInPlace: true,
        regularTeamHasRoom: true,
      }),
      "validation",
      "criteria",
    );
    // The ARIJ date is optional, as the form marks it (issue 11 item 9): see tests/cases/formErrors.test.ts.
    expectError(
      await triageCase(ctx, who["jb-reg"]!, {
        zaaknummer: "2026-0001",
        arijRisk: null,
        helpInPlace: true,
        regularTeamHasRoom: true,
      }),
      "forbidden",
    );
    expectError(
      await triageCase(ctx, who["ccp-1"]!, {
        zaaknummer: "2099-0404",
        arijRisk: null,
        helpInPlace: true,
        regularTeamHasRoom: true,
      }),
      "not_found",
    );
  });

  it("writes nothing when a new case's triage fails half-way", async () => {
    const r = await triageCase(ctx, who["ccp-1"]!, {
      newCase: { zaaknummer: "2026-0003", measure: "ots", receivedOn: TODAY, team: "CCP" },
      arijRisk: "hoog",
      arijDate: "2026-05-01",
      helpInPlace: false,
      regularTeamHasRoom: false,
    });
    expectError(r, "validation", "arijDate");
    expect(await db.select().from(cases).where(eq(cases.zaaknummer, "2026-0003"))).toHaveLength(0);
  });
});

describe("contacts, ARIJ, kernbeslissing and milestones", () => {
  it("a face-to-face contact ends the eerste_contact milestone", async () => {
    const u = value(
      await recordContact(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0002",
        date: "2026-04-17",
        kind: "kind_face_to_face",
        newConcerns: false,
      }),
    );
    expect(u.deadlines.map((d) => d.kind)).not.toContain("eerste_contact");
    // From now on the regular contact norm runs: 3 months after the contact.
    expect(dueKinds(u.deadlines).contact).toBe("2026-07-17");
  });

  it("a phone call does not count as the first face-to-face contact", async () => {
    const u = value(
      await recordContact(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0001",
        date: TODAY,
        kind: "telefonisch",
        newConcerns: false,
      }),
    );
    expect(dueKinds(u.deadlines).eerste_contact).toBe("2026-04-28");
  });

  it("new concerns make an ARIJ due at once; an ARIJ that day answers them", async () => {
    value(
      await recordArij(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0002",
        date: "2026-04-17",
        risk: "hoog",
        reason: "periodiek",
      }),
    );
    const u = value(
      await recordContact(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0002",
        date: TODAY,
        kind: "ouders",
        newConcerns: true,
      }),
    );
    expect(dueKinds(u.deadlines).arij).toBe(TODAY);
    const after = value(
      await recordArij(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0002",
        date: TODAY,
        risk: "hoog",
        reason: "nieuwe_zorgen",
      }),
    );
    expect(dueKinds(after.deadlines).arij).toBe("2027-04-20");
  });

  it("refuses dates in the future or before receipt, at the date field", async () => {
    expect(
      expectError(
        await recordContact(ctx, who["ccp-1"]!, {
          zaaknummer: "2026-0002",
          date: "2026-04-21",
          kind: "ouders",
          newConcerns: false,
        }),
        "validation",
        "date",
      ),
    ).toContain("toekomst");
    expect(
      expectError(
        await recordArij(ctx, who["ccp-1"]!, {
          zaaknummer: "2026-0002",
          date: "2026-01-01",
          risk: "laag",
          reason: "periodiek",
        }),
        "validation",
        "date",
      ),
    ).toContain("ontvangst");
  });

  it("only the owner, the case's team and the CRT record contacts", async () => {
    const input = { zaaknummer: "2026-0002", date: TODAY, kind: "netwerk", newConcerns: false };
    expectError(await recordContact(ctx, who["jb-reg2"]!, input), "forbidden");
    expectError(await recordContact(ctx, who["tm-1"]!, input), "forbidden");
    value(await recordContact(ctx, who["ajb-crt"]!, input));
  });

  it("a kernbeslissing's higher frequency beats the 3-month norm", async () => {
    const u = value(
      await recordKernbeslissing(ctx, who["gw-1"]!, {
        zaaknummer: "2026-0002",
        date: TODAY,
        contactFrequencyWeeks: 4,
        gw: "gw-1",
        plannedNext: "2026-07-01",
      }),
    );
    // Last face-to-face contact 17 April + 4 weeks = 15 May.
    expect(dueKinds(u.deadlines).contact).toBe("2026-05-15");
    const card = value(await showCase(ctx, who["gw-1"]!, { zaaknummer: "2026-0002" }));
    expect(card.kernbeslissing).toMatchObject({ contactFrequencyWeeks: 4, gw: "Gert Wetenschapper" });
  });

  it.each([
    [{ contactFrequencyWeeks: 20 }, "contactFrequencyWeeks", "13 weken"],
    [{ gw: "jb-reg" }, "gw", "geen gedragswetenschapper"],
    [{ gw: "niemand" }, "gw", "bestaat niet"],
    [{ plannedNext: "2026-04-01" }, "plannedNext", "na deze kernbeslissing"],
  ])("refuses a kernbeslissing with %o at %s", async (change, field, words) => {
    const input = { zaaknummer: "2026-0002", date: TODAY, contactFrequencyWeeks: 6, gw: "gw-1", ...change };
    expect(expectError(await recordKernbeslissing(ctx, who["gw-1"]!, input), "validation", field)).toContain(
      words,
    );
  });

  it("marks the plan van aanpak done once", async () => {
    const before = value(await showCase(ctx, who["ccp-1"]!, { zaaknummer: "2026-0002" }));
    expect(before.deadlines.map((d) => d.kind)).toContain("plan_van_aanpak");
    const u = value(
      await markMilestone(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0002",
        kind: "plan_van_aanpak",
        doneOn: TODAY,
      }),
    );
    expect(u.deadlines.map((d) => d.kind)).not.toContain("plan_van_aanpak");
    expectError(
      await markMilestone(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0002",
        kind: "plan_van_aanpak",
        doneOn: TODAY,
      }),
      "validation",
      "kind",
    );
    expectError(
      await markMilestone(ctx, who["ccp-1"]!, { zaaknummer: "2026-0002", kind: "verlenging", doneOn: TODAY }),
      "validation",
      "kind",
    );
  });
});

describe("werkvoorraad, override, capacity, due list and audit", () => {
  it("lists untriaged cases first (triage is the CCP's first norm), then by class", async () => {
    value(
      await registerCase(ctx, who["ccp-1"]!, {
        zaaknummer: "2026-0004",
        measure: "jr",
        receivedOn: TODAY,
        team: "CCP",
      }),
    );
    const w = value(await listWerkvoorraad(ctx, {}, null));
    expect(w.entries.map((e) => e.zaaknummer)).toEqual(["2026-0004", "2026-0002", "2026-0001"]);
    expect(w.entries[0]).toMatchObject({ priorityClass: null, phase: "aangemeld" });
    expect(w.entries[1]).toMatchObject({ priorityClass: "A", directUnsafe: true });
    expect(w.total).toBe(3);
    expect(value(await listWerkvoorraad(ctx, { team: "CRT" }, null)).total).toBe(0);
  });

  it("a PB overrides a priority with a reason; others may not", async () => {
    expectError(
      await overridePriority(ctx, who["jb-reg"]!, {
        zaaknummer: "2026-0001",
        priorityClass: "A",
        reason: "signaal_ketenpartner",
      }),
      "forbidden",
    );
    expectError(
      await overridePriority(ctx, who["pb-reg"]!, {
        zaaknummer: "2026-0001",
        priorityClass: "A",
        reason: "",
      }),
      "validation",
      "reason",
    );
    expectError(
      await overridePriority(ctx, who["pb-reg"]!, {
        zaaknummer: "2026-0004",
        priorityClass: "A",
        reason: "besproken_gw",
      }),
      "validation",
      "zaaknummer",
    );
    const o = value(
      await overridePriority(ctx, who["pb-reg"]!, {
        zaaknummer: "2026-0001",
        priorityClass: "A",
        reason: "signaal_ketenpartner",
        note: "school belde over de veiligheidsafspraken",
      }),
    );
    expect(o.priorityClass).toBe("A");
    const card = value(await showCase(ctx, who["pb-reg"]!, { zaaknummer: "2026-0001" }));
    expect(card.priority).toMatchObject({
      priorityClass: "A",
      override: {
        reason: "signaal_ketenpartner",
        note: "school belde over de veiligheidsafspraken",
        by: "Pia Begeleider",
      },
    });
    const w = value(await listWerkvoorraad(ctx, {}, null));
    expect(w.entries.slice(1, 3).map((e) => e.priorityClass)).toEqual(["A", "A"]);
  });

  it("capacity: norm × fte − active cases, per person and team", async () => {
    await db.update(cases).set({ ownerId: who["jb-reg"]!.personId }).where(eq(cases.zaaknummer, "2026-0001"));
    const teamsView = value(await capacityOverview(ctx));
    const reg = teamsView.find((t) => t.code === "REG")!;
    expect(reg.workers.find((w) => w.code === "jb-reg")).toMatchObject({ norm: 15, active: 1, free: 14 });
    const reg2 = teamsView.find((t) => t.code === "REG2")!;
    expect(reg2).toMatchObject({ norm: 7.5, active: 0, free: 7.5 });
    const ccpTeam = teamsView.find((t) => t.code === "CCP")!;
    expect(ccpTeam.unowned).toBe(2);
  });

  it("the due list holds every open deadline up to the date, ordered, with overdue flags", async () => {
    const items = await listDue(db, "2026-04-28");
    expect(items).toContainEqual({
      kind: "eerste_contact",
      zaaknummer: "2026-0001",
      owner: "jb-reg",
      due: "2026-04-28",
      overdue: false,
    });
    expect(items.some((i) => i.zaaknummer === "2026-0002" && i.kind === "arij")).toBe(false);
    const sorted = [...items].sort(
      (a, b) => a.due.localeCompare(b.due) || a.zaaknummer.localeCompare(b.zaaknummer),
    );
    expect(items.map((i) => `${i.due} ${i.zaaknummer}`)).toEqual(
      sorted.map((i) => `${i.due} ${i.zaaknummer}`),
    );
    expect(items.every((i) => i.due <= "2026-04-28")).toBe(true);
  });

  it("every change and every read of a case is in the append-only audit log", async () => {
    const rows = await db.select().from(auditLog);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      "zaak_geregistreerd",
      "zaak_getrieerd",
      "contact_geregistreerd",
      "arij_geregistreerd",
      "kernbeslissing_geregistreerd",
      "mijlpaal_afgerond",
      "prioriteit_aangepast",
      "zaak_ingezien",
    ]) {
      expect(actions).toContain(a);
    }
    await expect(db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    expect((await db.select().from(auditLog)).length).toBe(rows.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// A hand-made organisation around Easter 2026 (5 April; tweede Paasdag 6 April), Koningsdag
// (Monday 27 April), Bevrijdingsdag (Tuesday 5 May) and the year end. Every expected date below was
// worked out by hand on a calendar, not by the code under test.
const FIXTURE = "tests/fixtures/due";

let store: CliStore;

beforeAll(async () => {
  store = await freshStore();
  for (const kind of ["teams", "people", "cases"]) {
    const r = await runCli(["import", kind, `${FIXTURE}/${kind}.csv`], store.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
});

afterAll(async () => {
  await store.dispose();
});

describe("due --json", () => {
  it("lists what is due up to the day after Koningsdag, in order", async () => {
    const r = await runCli(["due", "--date", "2026-04-28", "--json"], store.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      // F-1 received Wed 1 April: 2 werkdagen → Fri 3 April (Goede Vrijdag is a working day on the staff calendar)
      { kind: "triage", zaaknummer: "F-1", owner: null, due: "2026-04-03", overdue: true },
      // 5 werkdagen, skipping the Easter weekend and tweede Paasdag → Thu 9 April
      { kind: "eerste_contact", zaaknummer: "F-1", owner: null, due: "2026-04-09", overdue: true },
      // F-4: last contact Thu 5 March + kernbeslissing 6 weeks → Thu 16 April (beats 3 months)
      { kind: "contact", zaaknummer: "F-4", owner: "jb-1", due: "2026-04-16", overdue: true },
      // F-1: 14 werkdagen after 1 April → Wed 22 April
      { kind: "arij_mdo", zaaknummer: "F-1", owner: null, due: "2026-04-22", overdue: true },
      // F-2 received Mon 20 April: 5 werkdagen with Koningsdag skipped → Tue 28 April
      { kind: "eerste_contact", zaaknummer: "F-2", owner: null, due: "2026-04-28", overdue: false },
      // F-2 ruling Mon 16 March + 6 weeks = Koningsdag → next working day Tue 28 April
      { kind: "plan_van_aanpak", zaaknummer: "F-2", owner: null, due: "2026-04-28", overdue: false },
    ]);
  });

  it("lists the whole year, over the year end", async () => {
    const r = await runCli(["due", "--date", "2027-01-05", "--json"], store.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { kind: "triage", zaaknummer: "F-1", owner: null, due: "2026-04-03", overdue: true },
      { kind: "eerste_contact", zaaknummer: "F-1", owner: null, due: "2026-04-09", overdue: true },
      { kind: "contact", zaaknummer: "F-4", owner: "jb-1", due: "2026-04-16", overdue: true },
      { kind: "arij_mdo", zaaknummer: "F-1", owner: null, due: "2026-04-22", overdue: true },
      { kind: "eerste_contact", zaaknummer: "F-2", owner: null, due: "2026-04-28", overdue: true },
      { kind: "plan_van_aanpak", zaaknummer: "F-2", owner: null, due: "2026-04-28", overdue: true },
      // F-4 OTS ends Tue 28 July; 12 weeks before = Bevrijdingsdag → previous working day Mon 4 May
      { kind: "verlenging", zaaknummer: "F-4", owner: "jb-1", due: "2026-05-04", overdue: true },
      // F-4 last ARIJ 5 March is more than 8 weeks old at the kernbesluit of Wed 6 May
      { kind: "arij", zaaknummer: "F-4", owner: "jb-1", due: "2026-05-06", overdue: true },
      // F-2: 14 werkdagen skipping Koningsdag and Bevrijdingsdag → Tue 12 May
      { kind: "arij_mdo", zaaknummer: "F-2", owner: null, due: "2026-05-12", overdue: true },
      // F-1: 1 April + 6 weeks → Wed 13 May
      { kind: "plan_van_aanpak", zaaknummer: "F-1", owner: null, due: "2026-05-13", overdue: true },
      // F-2: ruling 16 March + 3 months → Tue 16 June
      { kind: "hulp", zaaknummer: "F-2", owner: null, due: "2026-06-16", overdue: true },
      // F-1: 1 April + 3 months → Wed 1 July
      { kind: "hulp", zaaknummer: "F-1", owner: null, due: "2026-07-01", overdue: true },
      // F-3: last contact Fri 25 September + 3 months = eerste Kerstdag → Mon 28 December
      { kind: "contact", zaaknummer: "F-3", owner: null, due: "2026-12-28", overdue: true },
      // F-3: last ARIJ 1 January 2026 + 1 year = Nieuwjaarsdag 2027 (Friday) → Mon 4 January
      { kind: "arij", zaaknummer: "F-3", owner: null, due: "2027-01-04", overdue: true },
    ]);
  });

  it("prints a readable Dutch list without --json, and refuses a bad date", async () => {
    const r = await runCli(["due", "--date", "2026-04-28"], store.env);
    expect(r.stdout).toContain("F-2");
    expect(r.stdout).toContain("TE LAAT");
    const bad = await runCli(["due", "--date", "2026-13-01"], store.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("geen geldige datum");
  });
});

describe("reminders and digest from the CLI", () => {
  it("prints [] on Koningsdag 2026, whatever the data", async () => {
    const r = await runCli(["reminders", "--date", "2026-04-27", "--dry-run", "--json"], store.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("plans the owner's and the PB's reminders of a working day", async () => {
    const r = await runCli(["reminders", "--date", "2026-04-28", "--dry-run", "--json"], store.env);
    const rows = JSON.parse(r.stdout) as {
      kind: string;
      zaaknummer: string;
      recipient: string | null;
      stage: string;
    }[];
    // F-4's contact (due 16 April) is past its escalation date: jb-1 gets te_laat; the team has no PB.
    expect(rows).toContainEqual({
      kind: "contact",
      zaaknummer: "F-4",
      recipient: "jb-1",
      due: "2026-04-16",
      stage: "te_laat",
    });
    expect(rows).toContainEqual({
      kind: "contact",
      zaaknummer: "F-4",
      recipient: null,
      due: "2026-04-16",
      stage: "escalatie",
    });
    // F-1 is unowned and its CCP has no PB either: nobody to send to, and the dry run says so.
    expect(rows.filter((x) => x.zaaknummer === "F-1").every((x) => x.recipient === null)).toBe(true);
  });

  it("builds the digest as JSON and shows an empty outbox", async () => {
    const digest = await runCli(["digest", "--date", "2026-04-28", "--dry-run", "--json"], store.env);
    const [crt] = JSON.parse(digest.stdout) as {
      team: { code: string };
      size: number;
      list: { zaaknummer: string }[];
    }[];
    expect(crt).toMatchObject({ team: { code: "CRTX" }, size: 1, list: [{ zaaknummer: "F-4" }] });
    const outbox = await runCli(["outbox", "--json"], store.env);
    expect(JSON.parse(outbox.stdout)).toEqual({ counts: {}, failures: [] });
  });
});

describe("afwezig from the CLI", () => {
  it("records an absence: the person's reminders wait while she is away", async () => {
    const wrong = await runCli(["afwezig", "jb-1", "--van", "2026-04-30", "--tot", "2026-04-28"], store.env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("De einddatum ligt voor de begindatum.");
    const r = await runCli(["afwezig", "jb-1", "--van", "2026-04-28", "--tot", "2026-04-30"], store.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("afwezig van 2026-04-28 tot en met 2026-04-30");
    const planned = await runCli(["reminders", "--date", "2026-04-28", "--dry-run", "--json"], store.env);
    const rows = JSON.parse(planned.stdout) as { recipient: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((p) => p.recipient === "jb-1")).toEqual([]);
  });
});

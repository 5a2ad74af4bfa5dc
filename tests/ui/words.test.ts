import { describe, expect, it } from "vitest";
import { usageReply } from "../../commands/args.ts";
import { parseCommandText } from "../../commands/dispatch.ts";
import type { TeamCapacityView } from "../../src/cases/capacityOverview.ts";
import type { CaseCard } from "../../src/cases/caseCard.ts";
import type { Werkvoorraad } from "../../src/cases/werkvoorraad.ts";
import { capacityMessage, caseCardMessage, werkvoorraadMessage } from "../../src/ui/caseViews.ts";
import type { Message } from "../../src/ui/view.ts";

// Issue 11 item 10: users read labels, Dutch dates, decimal commas, plurals and the command syntax
// of their own platform — never ids, team codes, ISO dates or another platform's syntax.

const text = (m: Message | { kind: string; message?: Message }) =>
  JSON.stringify("blocks" in m ? m : m.message);

const card: CaseCard = {
  zaaknummer: "2026-0042",
  measure: "ots",
  phase: "crt",
  phaseSince: "2026-11-02",
  receivedOn: "2026-10-01",
  rulingOn: null,
  endDate: null,
  team: { code: "ZUID", name: "Regio Zuid" },
  owner: null,
  birthYears: [],
  directUnsafe: false,
  complex: null,
  priority: null,
  deadlines: [{ kind: "contact", due: "2026-11-26", basis: "3 maanden", overdue: false }],
  lastContact: null,
  lastArij: null,
  kernbeslissing: null,
  milestonesDone: [],
  records: [],
  closedReason: null,
  handovers: [
    {
      id: 1,
      kind: "regulier_crt",
      status: "geaccepteerd",
      from: "ZUID",
      to: "CRT",
      fromName: "Regio Zuid",
      toName: "Cliënt Regie Team",
      reason: "geen_capaciteit",
      requestedBy: "Pia Begeleider",
      requestedAt: new Date("2026-11-02T09:00:00Z"),
      decidedBy: "Petra Crt",
      decidedAt: new Date("2026-11-03T09:00:00Z"),
    },
  ],
};

describe("words users see", () => {
  it("the case card shows team names, reason labels and Dutch dates", () => {
    const t = text(caseCardMessage(card, "2026-11-23"));
    expect(t).toContain("Regio Zuid");
    expect(t).toContain("Geen capaciteit in het team");
    expect(t).toContain("02-11-2026");
    expect(t).not.toMatch(/\bZUID\b/);
    expect(t).not.toContain("geen_capaciteit");
    expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("capacity in decimal commas, counts with their plural", () => {
    const team: TeamCapacityView = {
      code: "ZUID",
      name: "Regio Zuid",
      kind: "regulier",
      norm: 13.5,
      active: 1,
      free: 12.5,
      unowned: 1,
      workers: [
        { code: "jb-1", name: "Joost", role: "jeugdbeschermer", fte: 0.8, norm: 12, active: 1, free: 11 },
      ],
    };
    const t = text(capacityMessage([team], 0));
    expect(t).toContain("0,8 fte");
    expect(t).toContain("norm 13,5");
    expect(t).toContain("1 zaak zonder eigenaar");
    expect(t).not.toContain("0.8");
    expect(t).not.toContain("(ZUID)");
  });

  it("a werkvoorraad of one case says 'zaak', and names the team", () => {
    const w: Werkvoorraad = {
      total: 1,
      offset: 0,
      teamName: "Regio Zuid",
      entries: [
        {
          zaaknummer: "2026-0042",
          measure: "ots",
          phase: "crt",
          team: "ZUID",
          teamName: "Regio Zuid",
          priorityClass: "C",
          priorityScore: 40,
          directUnsafe: false,
          weeksWaiting: 1,
          nextDue: null,
        },
      ],
    };
    const t = text(werkvoorraadMessage(w, "ZUID", false));
    expect(t).toContain("Werkvoorraad Regio Zuid: 1 zaak");
    expect(t).toContain("1 week wachten");
    expect(t).not.toMatch(/\bZUID\b/);
  });

  it("usage is given in the syntax of the platform the person is on", () => {
    expect(text(usageReply("zaak ZAAKNUMMER", "Noem het zaaknummer.", "slack"))).toContain("/zicht zaak");
    const teams = text(usageReply("zaak ZAAKNUMMER", "Noem het zaaknummer.", "teams"));
    expect(teams).not.toContain("/zicht");
    expect(teams).toContain("zaak ZAAKNUMMER");
  });

  it("'hulp' works like 'help'", () => {
    expect(parseCommandText("hulp").name).toBe("help");
    expect(parseCommandText("/zicht Hulp").name).toBe("help");
  });
});

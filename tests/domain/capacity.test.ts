import { describe, expect, it } from "vitest";
import {
  carriesCases,
  hasRoom,
  type TeamWorker,
  teamCapacity,
  workerCapacity,
} from "../../src/domain/capacity.ts";
import { DEFAULT_POLICY } from "../../src/domain/policy.ts";

const NORMS = DEFAULT_POLICY.caseloadNorm; // regulier 15, ccp 15, crt 18

describe("workerCapacity", () => {
  it.each([
    [1, 10, "regulier", 15, 5],
    [1, 15, "regulier", 15, 0],
    [1, 17, "regulier", 15, -2],
    [0.8, 10, "regulier", 12, 2],
    [0.5, 3, "crt", 9, 6],
    [1, 18, "crt", 18, 0],
    [0.9, 12, "crt", 16.2, 4.2],
    [0.67, 5, "regulier", 10.1, 5.1], // 10.05 → one decimal
    [0, 0, "ccp", 0, 0],
  ] as const)("fte %d, %i active, %s → norm %d, free %d", (fte, activeCases, teamKind, norm, free) => {
    expect(workerCapacity({ fte, activeCases, teamKind }, NORMS)).toEqual({
      norm,
      active: activeCases,
      free,
    });
  });

  it("uses the organisation's norm", () => {
    expect(
      workerCapacity({ fte: 1, activeCases: 12, teamKind: "regulier" }, { ...NORMS, regulier: 14.5 }),
    ).toEqual({
      norm: 14.5,
      active: 12,
      free: 2.5,
    });
  });
});

describe("teamCapacity", () => {
  const regular: TeamWorker[] = [
    { code: "jb1", name: "JB Een", fte: 1, activeCases: 14, role: "jeugdbeschermer" },
    { code: "jb2", name: "JB Twee", fte: 0.8, activeCases: 13, role: "jeugdbeschermer" },
    { code: "pb", name: "PB", fte: 1, activeCases: 0, role: "praktijkbegeleider" },
    { code: "gw", name: "GW", fte: 0.6, activeCases: 0, role: "gedragswetenschapper" },
    { code: "ccp1", name: "CCP-er", fte: 1, activeCases: 0, role: "ccp" },
  ];

  it("counts only case-carrying roles; overload of one worker offsets room of another", () => {
    expect(teamCapacity(regular, "regulier", NORMS)).toEqual({
      norm: 27,
      active: 27,
      free: 0,
      workers: [
        { code: "jb1", name: "JB Een", role: "jeugdbeschermer", fte: 1, norm: 15, active: 14, free: 1 },
        { code: "jb2", name: "JB Twee", role: "jeugdbeschermer", fte: 0.8, norm: 12, active: 13, free: -1 },
      ],
    });
  });

  it("in a CCP team the ccp role carries cases too", () => {
    const team = teamCapacity(regular, "ccp", NORMS);
    expect(team.workers.map((w) => w.code)).toEqual(["jb1", "jb2", "ccp1"]);
    expect([team.norm, team.active, team.free]).toEqual([42, 27, 15]);
  });

  it("a CRT of assistent-jeugdbeschermers under the CRT norm", () => {
    const crt: TeamWorker[] = [
      { code: "ajb1", name: "AJB Een", fte: 1, activeCases: 20, role: "assistent_jeugdbeschermer" },
      { code: "ajb2", name: "AJB Twee", fte: 0.7, activeCases: 10, role: "assistent_jeugdbeschermer" },
      { code: "jb", name: "JB", fte: 0.3, activeCases: 2, role: "jeugdbeschermer" },
    ];
    const team = teamCapacity(crt, "crt", NORMS);
    expect(team.workers.map((w) => [w.norm, w.free])).toEqual([
      [18, -2],
      [12.6, 2.6],
      [5.4, 3.4],
    ]);
    expect([team.norm, team.active, team.free]).toEqual([36, 32, 4]);
  });

  it("an empty team has no room", () => {
    const team = teamCapacity([], "regulier", NORMS);
    expect(team).toEqual({ norm: 0, active: 0, free: 0, workers: [] });
    expect(hasRoom(team)).toBe(false);
  });
});

describe("hasRoom", () => {
  it.each([
    [1, true],
    [4.2, true],
    [0.9, false],
    [0, false],
    [-3, false],
  ])("free %d → %s", (free, room) => {
    expect(hasRoom({ free })).toBe(room);
  });
});

describe("carriesCases", () => {
  it("jeugdbeschermers and assistants everywhere, ccp only in the CCP", () => {
    expect(carriesCases("jeugdbeschermer", "regulier")).toBe(true);
    expect(carriesCases("assistent_jeugdbeschermer", "crt")).toBe(true);
    expect(carriesCases("ccp", "ccp")).toBe(true);
    expect(carriesCases("ccp", "regulier")).toBe(false);
    expect(carriesCases("praktijkbegeleider", "crt")).toBe(false);
    expect(carriesCases("gedragswetenschapper", "ccp")).toBe(false);
    expect(carriesCases("teammanager", "regulier")).toBe(false);
  });
});

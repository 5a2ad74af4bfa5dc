import { BIJLAGE1_CRITERIA } from "../../src/domain/bijlage1.ts";
import type { Calendar } from "../../src/domain/calendar.ts";
import { addDays, addMonths, addWeeks } from "../../src/domain/dates.ts";
import { SUSTAINING_FACTORS, UNDERLYING_PROBLEMS } from "../../src/domain/triageOptions.ts";
import type { ContactKind, IsoDate, Measure, Phase, RiskLevel } from "../../src/domain/types.ts";
import type { DemoPerson } from "./organisation.ts";
import type { Pick } from "./random.ts";

// About 400 made-up cases, dated relative to today so that the demo always has something overdue,
// something due this week and cases with directe kind-onveiligheid.

export interface DemoCase {
  zaaknummer: string;
  measure: Measure;
  phase: Phase;
  receivedOn: IsoDate;
  rulingOn: IsoDate | null;
  endDate: IsoDate | null;
  phaseSince: IsoDate;
  team: string;
  owner: string | null;
  birthYears: number[];
  criteria: string[];
  contacts: { date: IsoDate; kind: ContactKind; newConcerns: boolean }[];
  arij: { date: IsoDate; risk: RiskLevel }[];
  kernbeslissing: { date: IsoDate; weeks: number; gw: string; plannedNext: IsoDate | null } | null;
  triage: {
    problems: string[];
    sustainingFactors: string[];
    helpInPlace: boolean;
    by: string;
    on: IsoDate;
  } | null;
}

const PHASES: [Phase, number][] = [
  ["aangemeld", 10],
  ["ccp", 40],
  ["regulier", 220],
  ["crt", 110],
  ["afgesloten", 20],
];
const MEASURES: Measure[] = [
  "ots",
  "ots",
  "ots",
  "ots",
  "ots",
  "ots",
  "vots",
  "voogdij",
  "voogdij",
  "vvoogdij",
  "jr",
  "jr",
];
const REGIONS = ["NOORD", "MIDDEN", "ZUID"];

const latest = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

export function demoCases(pick: Pick, today: IsoDate, calendar: Calendar, people: DemoPerson[]): DemoCase[] {
  const year = Number(today.slice(0, 4));
  const codes = (team: string, roles: string[]) =>
    people.filter((p) => p.team === team && roles.includes(p.role)).map((p) => p.code);
  const out: DemoCase[] = [];
  let n = 0;
  for (const [phase, count] of PHASES) {
    for (let i = 0; i < count; i++) {
      n++;
      const measure = pick.one(MEASURES);
      const recent = phase === "aangemeld" || phase === "ccp";
      const receivedOn = recent
        ? phase === "aangemeld"
          ? calendar.addWorkdays(today, -pick.int(0, 4))
          : addDays(today, -pick.int(2, 25))
        : addDays(today, -pick.int(60, 700));
      const rulingOn = pick.chance(0.7) ? addDays(receivedOn, -pick.int(0, 10)) : null;
      // Open OTS cases end within the coming year, a few soon enough to prepare the extension now.
      const endDate =
        measure === "ots"
          ? phase === "afgesloten"
            ? addMonths(rulingOn ?? receivedOn, 12)
            : addDays(today, pick.chance(0.08) ? pick.int(80, 95) : pick.int(100, 360))
          : measure === "vots"
            ? addMonths(receivedOn, 3)
            : null;
      const region = pick.one(REGIONS);
      const team = phase === "aangemeld" || phase === "ccp" ? "CCP" : phase === "crt" ? "CRT" : region;
      const owners =
        team === "CCP"
          ? codes("CCP", ["ccp"])
          : team === "CRT"
            ? codes("CRT", ["jeugdbeschermer", "assistent_jeugdbeschermer"])
            : codes(team, ["jeugdbeschermer"]);
      const owner =
        phase === "regulier" || phase === "afgesloten" || pick.chance(0.5) ? pick.one(owners) : null;
      const phaseSince = phase === "crt" ? latest(receivedOn, addDays(today, -pick.int(3, 300))) : receivedOn;
      const children = pick.int(1, 3);
      const birthYears = Array.from({ length: children }, () => year - pick.int(0, 17));
      const unsafe = phase !== "afgesloten" && phase !== "aangemeld" && pick.chance(0.045);
      const criteria = unsafe ? [pick.one(BIJLAGE1_CRITERIA).id] : [];

      const contacts: DemoCase["contacts"] = [];
      const arij: DemoCase["arij"] = [];
      let kernbeslissing: DemoCase["kernbeslissing"] = null;
      if (phase === "ccp") {
        if (pick.chance(0.7))
          contacts.push({
            date: latest(receivedOn, addDays(today, -pick.int(0, 3))),
            kind: "kind_face_to_face",
            newConcerns: false,
          });
        if (pick.chance(0.4))
          arij.push({
            date: latest(receivedOn, addDays(today, -pick.int(0, 3))),
            risk: pick.one(["laag", "middelmatig", "hoog"] as const),
          });
      } else if (phase !== "aangemeld") {
        // Most contacts are recent; about one in eight is overdue, and some fall due this week.
        const daysAgo = pick.chance(0.12)
          ? pick.int(95, 130)
          : pick.chance(0.1)
            ? pick.int(84, 90)
            : pick.int(0, 75);
        const last = latest(receivedOn, addDays(today, -daysAgo));
        if (pick.chance(0.3))
          contacts.push({
            date: latest(receivedOn, addDays(last, -pick.int(20, 80))),
            kind: pick.one(["ouders", "telefonisch"] as const),
            newConcerns: false,
          });
        contacts.push({ date: last, kind: "kind_face_to_face", newConcerns: pick.chance(0.03) });
        const arijAgo = pick.chance(0.08) ? pick.int(370, 420) : pick.int(10, 330);
        arij.push({
          date: latest(receivedOn, addDays(today, -arijAgo)),
          risk: pick.one(["laag", "middelmatig", "middelmatig", "hoog"] as const),
        });
        if (phase === "crt" || pick.chance(0.2)) {
          const date = latest(arij[0]?.date ?? receivedOn, addDays(today, -pick.int(5, 120)));
          const planned = pick.chance(0.5) ? addWeeks(date, pick.int(8, 26)) : null;
          kernbeslissing = {
            date,
            // Mostly a frequency the worker keeps up with; the overdue ones stay overdue.
            weeks:
              daysAgo > 91
                ? pick.int(8, 13)
                : Math.min(13, Math.max(4, Math.ceil(daysAgo / 7) + pick.int(1, 4))),
            gw: pick.one(["gw-1", "gw-2"]),
            plannedNext: planned && planned > today ? planned : null,
          };
        }
      }
      const triage =
        phase === "aangemeld"
          ? null
          : {
              problems: pick.some(
                UNDERLYING_PROBLEMS.map((p) => p.id),
                4,
              ),
              sustainingFactors: pick.some(
                SUSTAINING_FACTORS.map((p) => p.id),
                3,
              ),
              helpInPlace: pick.chance(0.4),
              by: pick.one(["ccp-1", "ccp-2", "pb-ccp"]),
              on:
                calendar.addWorkdays(receivedOn, pick.int(1, 2)) > today
                  ? today
                  : calendar.addWorkdays(receivedOn, pick.int(1, 2)),
            };
      out.push({
        zaaknummer: `${year}-${String(n).padStart(4, "0")}`,
        measure,
        phase,
        receivedOn,
        rulingOn,
        endDate,
        phaseSince,
        team,
        owner,
        birthYears,
        criteria,
        contacts,
        arij,
        kernbeslissing,
        triage,
      });
    }
  }
  return out;
}

import type { Calendar } from "./calendar.ts";
import { addMonths, addWeeks } from "./dates.ts";
import type { Policy } from "./policy.ts";
import {
  DEADLINE_KINDS,
  type DeadlineKind,
  type IsoDate,
  type MarkableMilestone,
  type Measure,
  type Phase,
} from "./types.ts";

// domain.md §5 "How a due date is computed": a case's open deadlines follow from its facts alone,
// so they can be recomputed after every change and whenever the policy or calendar changes.

export interface CaseFacts {
  measure: Measure;
  phase: Phase;
  receivedOn: IsoDate;
  rulingOn: IsoDate | null;
  endDate: IsoDate | null;
  /** Earliest face-to-face contact with the child; an imported laatste_contact counts. */
  firstFaceToFaceContact: IsoDate | null;
  lastFaceToFaceContact: IsoDate | null;
  /** Latest ARIJ; an imported laatste_arij counts. */
  lastArij: IsoDate | null;
  /** Minimum contact frequency of the latest kernbeslissing. */
  contactFrequencyWeeks: number | null;
  plannedKernbesluit: IsoDate | null;
  /** Earliest contact with new concerns later than lastArij; null if none. */
  concernsSince: IsoDate | null;
  milestonesDone: { kind: MarkableMilestone; refDate: IsoDate | null }[];
}

export interface Deadline {
  kind: DeadlineKind;
  due: IsoDate;
  /** Short Dutch explanation, e.g. "5 werkdagen na ontvangst op 2026-04-20". */
  basis: string;
}

type Candidate = { due: IsoDate; basis: string };

const PLAN_MEASURES: readonly Measure[] = ["ots", "vots", "jr"];

const unit = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const workdays = (n: number) => unit(n, "werkdag", "werkdagen");
const weeks = (n: number) => unit(n, "week", "weken");
const months = (n: number) => unit(n, "maand", "maanden");

// The general norm always applies; a case-specific reason listed earlier wins a tie.
function earliest(specific: Candidate[], norm: Candidate): Candidate {
  return [...specific, norm].reduce((best, c) => (c.due < best.due ? c : best));
}

export function openDeadlines(facts: CaseFacts, policy: Policy, calendar: Calendar): Deadline[] {
  if (facts.phase === "afgesloten") return [];
  const norms = policy.deadlines;
  const out: Deadline[] = [];
  const intake = facts.phase === "aangemeld" || facts.phase === "ccp";
  const marked = (kind: MarkableMilestone) => facts.milestonesDone.some((m) => m.kind === kind);
  const after = (d: IsoDate) => calendar.nextWorkingDay(d);

  if (intake) {
    const received = facts.receivedOn;
    const byWorkdays = (kind: DeadlineKind, n: number) =>
      out.push({
        kind,
        due: calendar.addWorkdays(received, n),
        basis: `${workdays(n)} na ontvangst op ${received}`,
      });
    if (facts.phase === "aangemeld") byWorkdays("triage", norms.triageWorkdays);
    if (facts.firstFaceToFaceContact === null) byWorkdays("eerste_contact", norms.eersteContactWorkdays);
    if (facts.lastArij === null) byWorkdays("arij_mdo", norms.arijMdoWorkdays);

    const start = facts.rulingOn ?? received;
    const from = facts.rulingOn !== null ? `uitspraak op ${start}` : `ontvangst op ${start}`;
    if (norms.epbWeeks !== null && !marked("epb")) {
      out.push({
        kind: "epb",
        due: after(addWeeks(start, norms.epbWeeks)),
        basis: `${weeks(norms.epbWeeks)} na ${from}`,
      });
    }
    if (PLAN_MEASURES.includes(facts.measure) && !marked("plan_van_aanpak")) {
      const n = norms.planVanAanpakWeeks;
      out.push({ kind: "plan_van_aanpak", due: after(addWeeks(start, n)), basis: `${weeks(n)} na ${from}` });
    }
    if (!marked("hulp")) {
      const n = norms.hulpMonths;
      out.push({ kind: "hulp", due: after(addMonths(start, n)), basis: `${months(n)} na ${from}` });
    }
  }

  // In intake the eerste_contact and arij_mdo milestones govern until the first event exists.
  if (!intake || facts.firstFaceToFaceContact !== null)
    out.push({ kind: "contact", ...nextContact(facts, policy, calendar) });
  if (!intake || facts.lastArij !== null) out.push({ kind: "arij", ...nextArij(facts, policy, calendar) });

  const verlenging = nextVerlenging(facts, policy, calendar);
  if (verlenging) out.push({ kind: "verlenging", ...verlenging });

  return out.sort(
    (a, b) =>
      (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
      DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind),
  );
}

function nextContact(facts: CaseFacts, policy: Policy, calendar: Calendar): Candidate {
  const last = facts.lastFaceToFaceContact;
  const from =
    last !== null ? `laatste contact op ${last}` : `ontvangst op ${facts.receivedOn} (nog geen contact)`;
  const base = last ?? facts.receivedOn;
  const n = policy.deadlines.contactMonths;
  const candidates: Candidate[] = [];
  const freq = facts.contactFrequencyWeeks;
  // A frequency of zero or less is no frequency: the minimum norm alone then applies.
  if (freq !== null && freq > 0) {
    candidates.push({
      due: calendar.nextWorkingDay(addWeeks(base, freq)),
      basis: `kernbeslissing: elke ${weeks(freq)}, na ${from}`,
    });
  }
  return earliest(candidates, {
    due: calendar.nextWorkingDay(addMonths(base, n)),
    basis: `${months(n)} na ${from}`,
  });
}

function nextArij(facts: CaseFacts, policy: Policy, calendar: Calendar): Candidate {
  const { lastArij, plannedKernbesluit, concernsSince } = facts;
  const norms = policy.deadlines;
  const base = lastArij ?? facts.receivedOn;
  const from =
    lastArij !== null ? `laatste ARIJ op ${lastArij}` : `ontvangst op ${facts.receivedOn} (nog geen ARIJ)`;
  const candidates: Candidate[] = [];
  // Concerns raised before the last ARIJ were weighed in it: the situation is then unchanged.
  if (concernsSince !== null && (lastArij === null || concernsSince > lastArij)) {
    candidates.push({
      due: calendar.nextWorkingDay(concernsSince),
      basis: `nieuwe zorgen gemeld op ${concernsSince}`,
    });
  }
  const maxWeeks = norms.arijMaxWeeksBeforeKernbesluit;
  if (plannedKernbesluit !== null && addWeeks(base, maxWeeks) < plannedKernbesluit) {
    // The ARIJ must exist when the kernbesluit is taken: a closed day moves this back, not forward.
    candidates.push({
      due: calendar.previousWorkingDay(plannedKernbesluit),
      basis:
        lastArij !== null
          ? `kernbesluit gepland op ${plannedKernbesluit}; laatste ARIJ op ${lastArij} is dan ouder dan ${weeks(maxWeeks)}`
          : `kernbesluit gepland op ${plannedKernbesluit}; nog geen ARIJ en ontvangst op ${facts.receivedOn} is dan meer dan ${weeks(maxWeeks)} geleden`,
    });
  }
  return earliest(candidates, {
    due: calendar.nextWorkingDay(addMonths(base, norms.arijMonths)),
    basis: `${months(norms.arijMonths)} na ${from}`,
  });
}

function nextVerlenging(facts: CaseFacts, policy: Policy, calendar: Calendar): Candidate | null {
  const end = facts.endDate;
  if (facts.measure !== "ots" || end === null) return null;
  // Marking is per end date: after an extension the new end date brings a new deadline.
  if (facts.milestonesDone.some((m) => m.kind === "verlenging" && m.refDate === end)) return null;
  const n = policy.deadlines.verlengingWeeksBefore;
  return { due: calendar.previousWorkingDay(addWeeks(end, -n)), basis: `${weeks(n)} voor einddatum ${end}` };
}

/** Overdue on any day after the due date. */
export function isOverdue(due: IsoDate, today: IsoDate): boolean {
  return today > due;
}

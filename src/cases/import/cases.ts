import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/client.ts";
import { inList } from "../../../db/inList.ts";
import { arijAssessments, cases, contacts, people, teams, triages } from "../../../db/schema.ts";
import { measureEndProblem } from "../../domain/measures.ts";
import { computePriority } from "../../domain/priority.ts";
import { MEASURES, PHASES, RISK_LEVELS, type RiskLevel } from "../../domain/types.ts";
import type { CaseContext } from "../context.ts";
import { refreshDeadlines } from "../deadlineStore.ts";
import * as f from "../fields.ts";
import { CaseFailure } from "../result.ts";
import { insertArijs, insertContacts, upsertCases } from "./caseWrites.ts";
import {
  type ColumnSpec,
  choice,
  chunks,
  codeValue,
  dateValue,
  type KindOutcome,
  optional,
  pastDate,
  type Row,
  type RowError,
  rowError,
  zodRowErrors,
} from "./csv.ts";
import type { RowsRead } from "./rows.ts";

// cases: zaaknummer;maatregel;ontvangen_op;fase;team, and optional facts about the case so far.
// Upsert by zaaknummer. laatste_contact and laatste_arij add history (a face-to-face contact, a
// periodic ARIJ) when the case has none on that date; they never remove any.

export const CASE_COLUMNS: ColumnSpec = {
  required: ["zaaknummer", "maatregel", "ontvangen_op", "fase", "team"],
  optional: [
    "eigenaar",
    "uitspraak_op",
    "einddatum",
    "geboortejaren",
    "laatste_contact",
    "laatste_arij",
    "arij_risico",
    "contactfrequentie_weken",
    "kernbesluit_op",
    "directe_onveiligheid",
  ],
};

function caseRow(today: string, maxWeeks: number) {
  const thisYear = Number(today.slice(0, 4));
  const birthYears = z.string().transform((v, ctx) => {
    const parts = v.split(/\s+/).filter((p) => p !== "");
    if (parts.some((p) => !/^\d{4}$/.test(p))) {
      ctx.addIssue({
        code: "custom",
        message: "vul jaartallen in, gescheiden door spaties (bijvoorbeeld 2015 2018)",
      });
      return z.NEVER;
    }
    const years = parts.map(Number);
    const bad = years.find((y) => y < thisYear - 18 || y > thisYear);
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `geboortejaar ${bad} past niet bij een minderjarige (${thisYear - 18}–${thisYear})`,
      });
    } else if (years.length > 12) {
      ctx.addIssue({ code: "custom", message: "hoogstens 12 kinderen per zaak" });
    }
    return years;
  });
  const weeks = z.string().transform((v, ctx) => {
    const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!(n >= 1 && n <= maxWeeks)) {
      ctx.addIssue({ code: "custom", message: `vul een heel aantal weken in van 1 tot en met ${maxWeeks}` });
      return z.NEVER;
    }
    return n;
  });
  const yesNo = choice(["ja", "nee"]).transform((v) => v === "ja");

  return z
    .object({
      zaaknummer: f.zaaknummer,
      maatregel: choice(MEASURES),
      ontvangen_op: pastDate(today),
      fase: choice(PHASES),
      team: codeValue("teamcode"),
      eigenaar: optional(codeValue("code van de eigenaar")),
      uitspraak_op: optional(pastDate(today)),
      einddatum: optional(dateValue),
      geboortejaren: optional(birthYears),
      laatste_contact: optional(pastDate(today)),
      laatste_arij: optional(pastDate(today)),
      arij_risico: optional(choice(RISK_LEVELS)),
      contactfrequentie_weken: optional(weeks),
      kernbesluit_op: optional(dateValue),
      directe_onveiligheid: optional(yesNo),
    })
    .superRefine((v, ctx) => {
      const issue = (column: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [column], message });
      if (v.einddatum && v.einddatum <= v.ontvangen_op) {
        issue("einddatum", `de einddatum moet na ontvangen_op (${v.ontvangen_op}) liggen`);
      }
      const tooLong = measureEndProblem(
        v.maatregel,
        v.uitspraak_op ?? null,
        v.ontvangen_op,
        v.einddatum ?? null,
      );
      if (tooLong) issue("einddatum", tooLong);
      if (v.laatste_contact && v.laatste_contact < v.ontvangen_op) {
        issue("laatste_contact", `de datum ligt vóór ontvangen_op (${v.ontvangen_op})`);
      }
      if (v.laatste_arij && v.laatste_arij < v.ontvangen_op) {
        issue("laatste_arij", `de datum ligt vóór ontvangen_op (${v.ontvangen_op})`);
      }
      if (v.laatste_arij && !v.arij_risico) {
        issue("arij_risico", "vul het risico van de laatste ARIJ in: laag, middelmatig of hoog");
      }
      if (v.arij_risico && !v.laatste_arij)
        issue("arij_risico", "een risico hoort bij een datum in laatste_arij");
    });
}

type CaseInput = z.infer<ReturnType<typeof caseRow>>;
type CaseRecord = typeof cases.$inferSelect;
type CaseValues = Omit<typeof cases.$inferInsert, "id" | "createdAt" | "updatedAt" | "zaaknummer">;

interface Plan {
  input: CaseInput;
  old: CaseRecord | undefined;
  values: CaseValues;
  addContact: boolean;
  addArij: boolean;
}

/** Reads the file (again) from its start, handing each row to `onRow` in file order. */
export type ReadRows = (onRow: (row: Row) => void | Promise<void>) => Promise<RowsRead>;

/** Rows written per round of statements: the statements of an import grow by batches, not rows. */
export const CASE_BATCH = 1000;

/**
 * Cases come by the hundred thousand, so the file is read twice and never held whole. The first
 * pass checks every row and keeps only what the checks across rows need (each zaaknummer's line);
 * when all is well the second pass writes the rows a batch at a time, each batch with a few
 * statements, all in the caller's transaction.
 */
export async function importCases(ctx: CaseContext, tx: Tx, read: ReadRows): Promise<KindOutcome> {
  const today = ctx.today();
  const schema = caseRow(today, ctx.policy.deadlines.contactFrequencyMaxWeeks);
  const parse = (row: Row) =>
    f.withZaaknummerPattern(ctx.policy.privacy.zaaknummerPattern, () => schema.safeParse(row.values));

  // Teams are few and people some thousands at most: read once, so the checks need no query per row.
  const teamIds = new Map(
    (await tx.select({ id: teams.id, code: teams.code }).from(teams)).map((t) => [t.code, t.id]),
  );
  const owners = new Map(
    (await tx.select({ id: people.id, code: people.code, active: people.active }).from(people)).map((p) => [
      p.code,
      p,
    ]),
  );

  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  const checked = await read((row) => {
    const parsed = parse(row);
    if (!parsed.success) errors.push(...zodRowErrors(row.line, parsed.error));
    // Repeats and references are checked on every row, also one with other errors, so one pass
    // reports all.
    const { zaaknummer = "", team = "", eigenaar = "" } = row.values;
    if (zaaknummer !== "") {
      const earlier = firstLine.get(zaaknummer);
      if (earlier === undefined) firstLine.set(zaaknummer, row.line);
      else errors.push(rowError(row.line, "zaaknummer", `${zaaknummer} staat ook al op regel ${earlier}`));
    }
    if (team !== "" && !teamIds.has(team))
      errors.push(rowError(row.line, "team", `team ${team} bestaat niet; importeer eerst de teams`));
    if (eigenaar !== "") {
      const owner = owners.get(eigenaar);
      if (!owner)
        errors.push(
          rowError(row.line, "eigenaar", `persoon ${eigenaar} bestaat niet; importeer eerst de mensen`),
        );
      else if (!owner.active)
        errors.push(rowError(row.line, "eigenaar", `persoon ${eigenaar} is niet meer actief`));
    }
  });
  if (!checked.ok) return { ok: false, errors: checked.errors };
  if (checked.errors.length + errors.length > 0) return { ok: false, errors: [...checked.errors, ...errors] };

  const outcome = { inserted: [] as string[], updated: [] as string[], unchanged: 0 };
  const refs = { teamIds, ownerIds: new Map([...owners].map(([code, p]) => [code, p.id])) };
  let batch: CaseInput[] = [];
  let rows = 0;
  const flush = async () => {
    const written = await writeBatch(ctx, tx, batch, refs);
    outcome.inserted.push(...written.inserted);
    outcome.updated.push(...written.updated);
    outcome.unchanged += written.unchanged;
    batch = [];
  };
  await read(async (row) => {
    const parsed = parse(row);
    // The first pass accepted every row: a row that differs now means the file changed meanwhile.
    if (!parsed.success || firstLine.get(row.values.zaaknummer ?? "") !== row.line) changedWhileReading();
    rows += 1;
    batch.push(parsed.data);
    if (batch.length >= CASE_BATCH) await flush();
  });
  if (rows !== firstLine.size) changedWhileReading();
  if (batch.length > 0) await flush();
  return { ok: true, ...outcome };
}

function changedWhileReading(): never {
  throw new CaseFailure({
    code: "validation",
    message: "Er is niets ingelezen: het bestand is tijdens het inlezen gewijzigd. Lees het opnieuw in.",
  });
}

interface Refs {
  teamIds: ReadonlyMap<string, number>;
  ownerIds: ReadonlyMap<string, number>;
}

/** Upserts one batch of checked rows: what is stored is read for the whole batch at once. */
async function writeBatch(ctx: CaseContext, tx: Tx, batch: readonly CaseInput[], refs: Refs) {
  const today = ctx.today();
  const stored = new Map<string, CaseRecord>();
  const numbers = batch.map((v) => v.zaaknummer);
  for (const c of await tx
    .select()
    .from(cases)
    .where(inList(cases.zaaknummer, numbers, "text")))
    stored.set(c.zaaknummer, c);
  const history = await loadHistory(
    tx,
    [...stored.values()].map((c) => c.id),
  );

  const plans: Plan[] = batch.map((v) => {
    const old = stored.get(v.zaaknummer);
    const known = old ? history.get(old.id) : undefined;
    const addContact = v.laatste_contact ? !known?.contactDates.has(v.laatste_contact) : false;
    const addArij = v.laatste_arij ? !known?.arijs.some((a) => a.date === v.laatste_arij) : false;
    // An absent column keeps what is stored (or the default of a new case); an empty cell clears it.
    const keep = <K extends keyof CaseRecord, T>(
      value: T | undefined,
      key: K,
      fallback: T,
    ): T | CaseRecord[K] => (value === undefined ? (old ? old[key] : fallback) : value);
    const phaseSince = !old ? v.ontvangen_op : old.phase !== v.fase ? today : old.phaseSince;
    const values: CaseValues = {
      measure: v.maatregel,
      receivedOn: v.ontvangen_op,
      rulingOn: keep(v.uitspraak_op, "rulingOn", null),
      endDate: keep(v.einddatum, "endDate", null),
      phase: v.fase,
      phaseSince,
      teamId: refs.teamIds.get(v.team) ?? 0,
      ownerId:
        v.eigenaar === undefined
          ? (old?.ownerId ?? null)
          : v.eigenaar
            ? (refs.ownerIds.get(v.eigenaar) ?? null)
            : null,
      birthYears: keep(v.geboortejaren, "birthYears", []) ?? [],
      plannedKernbesluit: keep(v.kernbesluit_op, "plannedKernbesluit", null),
      contactFrequencyWeeks: keep(v.contactfrequentie_weken, "contactFrequencyWeeks", null),
      directUnsafe: keep(v.directe_onveiligheid, "directUnsafe", false) ?? false,
      priorityClass: old?.priorityClass ?? null,
      priorityScore: old?.priorityScore ?? null,
    };
    const plan: Plan = { input: v, old, values, addContact, addArij };
    if (needsPriority(plan, known?.triaged ?? false)) {
      const arijRisk = latestRisk(
        known?.arijs ?? [],
        addArij ? { date: v.laatste_arij ?? "", risk: v.arij_risico ?? null } : null,
      );
      const priority = computePriority(
        {
          directUnsafe: values.directUnsafe ?? false,
          unsafeCriteria: [],
          arijRisk,
          problems: [],
          sustainingFactors: [],
          birthYears: values.birthYears ?? [],
          helpInPlace: false,
          waitingSince: phaseSince,
          today,
        },
        ctx.policy.priority,
      );
      values.priorityClass = priority.priorityClass;
      values.priorityScore = priority.score;
    }
    return plan;
  });

  const inserted = plans.filter((p) => !p.old);
  const changedRows = plans.filter((p) => p.old && differs(p.old, p.values));
  const touched = plans.filter((p) => p.old && (differs(p.old, p.values) || p.addContact || p.addArij));
  const ids = new Map<string, number>();
  for (const p of plans) if (p.old) ids.set(p.input.zaaknummer, p.old.id);
  const written = await upsertCases(
    tx,
    [...inserted, ...changedRows].map((p) => ({ zaaknummer: p.input.zaaknummer, ...p.values })),
  );
  for (const r of written) ids.set(r.zaaknummer, r.id);

  const idOf = (p: Plan) => ids.get(p.input.zaaknummer) ?? 0;
  await insertContacts(
    tx,
    plans.filter((p) => p.addContact).map((p) => ({ caseId: idOf(p), date: p.input.laatste_contact ?? "" })),
  );
  await insertArijs(
    tx,
    plans
      .filter((p) => p.addArij)
      .map((p) => ({
        caseId: idOf(p),
        date: p.input.laatste_arij ?? "",
        risk: p.input.arij_risico as RiskLevel,
      })),
  );

  await refreshDeadlines(tx, ctx, [...inserted, ...touched].map(idOf));
  return {
    inserted: inserted.map((p) => p.input.zaaknummer),
    updated: touched.map((p) => p.input.zaaknummer),
    unchanged: plans.length - inserted.length - touched.length,
  };
}

interface History {
  contactDates: Set<string>;
  arijs: { date: string; risk: RiskLevel }[];
  triaged: boolean;
}

/** What stored cases already have: face-to-face contact dates, ARIJs, and whether they were triaged. */
async function loadHistory(tx: Tx, caseIds: readonly number[]): Promise<Map<number, History>> {
  const out = new Map<number, History>();
  const entry = (id: number) => {
    let h = out.get(id);
    if (!h) {
      h = { contactDates: new Set(), arijs: [], triaged: false };
      out.set(id, h);
    }
    return h;
  };
  for (const ids of chunks(caseIds)) {
    const f2f = await tx
      .selectDistinct({ caseId: contacts.caseId, date: contacts.date })
      .from(contacts)
      .where(and(inList(contacts.caseId, ids, "integer"), eq(contacts.kind, "kind_face_to_face")));
    for (const c of f2f) entry(c.caseId).contactDates.add(c.date);
    const arijs = await tx
      .select({ caseId: arijAssessments.caseId, date: arijAssessments.date, risk: arijAssessments.risk })
      .from(arijAssessments)
      .where(inList(arijAssessments.caseId, ids, "integer"));
    for (const a of arijs) entry(a.caseId).arijs.push({ date: a.date, risk: a.risk });
    const triaged = await tx
      .selectDistinct({ caseId: triages.caseId })
      .from(triages)
      .where(inList(triages.caseId, ids, "integer"));
    for (const t of triaged) entry(t.caseId).triaged = true;
  }
  return out;
}

/**
 * Outside `aangemeld` an imported case gets a priority computed from what is known. A triaged case
 * keeps the priority of its triage (and any override). It is computed only when the case is new,
 * has none yet, or one of its inputs changes now — so importing the same file again on a later day
 * does not move the priority by the waiting time alone.
 */
function needsPriority(p: Plan, triaged: boolean): boolean {
  if (p.values.phase === "aangemeld" || triaged) return false;
  const { old, values } = p;
  if (!old || old.priorityClass === null) return true;
  return (
    p.addArij ||
    old.phase !== values.phase ||
    old.phaseSince !== values.phaseSince ||
    old.directUnsafe !== values.directUnsafe ||
    !sameYears(old.birthYears, values.birthYears ?? [])
  );
}

function latestRisk(
  stored: readonly { date: string; risk: RiskLevel }[],
  added: { date: string; risk: RiskLevel | null } | null,
): RiskLevel | null {
  let latest: { date: string; risk: RiskLevel | null } | null = null;
  for (const a of added ? [...stored, added] : stored) if (!latest || a.date >= latest.date) latest = a;
  return latest?.risk ?? null;
}

function sameYears(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((y, i) => y === b[i]);
}

function differs(old: CaseRecord, v: CaseValues): boolean {
  return (
    old.measure !== v.measure ||
    old.receivedOn !== v.receivedOn ||
    old.rulingOn !== v.rulingOn ||
    old.endDate !== v.endDate ||
    old.phase !== v.phase ||
    old.phaseSince !== v.phaseSince ||
    old.teamId !== v.teamId ||
    old.ownerId !== v.ownerId ||
    !sameYears(old.birthYears, v.birthYears ?? []) ||
    old.plannedKernbesluit !== v.plannedKernbesluit ||
    old.contactFrequencyWeeks !== v.contactFrequencyWeeks ||
    old.directUnsafe !== v.directUnsafe ||
    old.priorityClass !== v.priorityClass ||
    old.priorityScore !== v.priorityScore
  );
}

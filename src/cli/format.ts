import type { TeamCapacityView } from "../cases/capacityOverview.ts";
import type { CaseCard } from "../cases/caseCard.ts";
import type { DueItem } from "../cases/dueList.ts";
import type { Werkvoorraad } from "../cases/werkvoorraad.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import type { Digest } from "../jobs/digest.ts";
import {
  CONTACT_KIND_LABEL,
  DEADLINE_LABEL,
  MEASURE_LABEL,
  PHASE_LABEL,
  PRIORITY_LABEL,
  RISK_LABEL,
  ROLE_LABEL,
} from "../ui/labels.ts";

// Plain-text answers of the admin CLI, in Dutch.

const pad = (s: string | number, n: number) => String(s).padEnd(n);

export function formatCaseCard(c: CaseCard): string {
  const lines = [
    `Zaak ${c.zaaknummer} — ${MEASURE_LABEL[c.measure]}, fase ${PHASE_LABEL[c.phase]} sinds ${c.phaseSince}`,
    `Team: ${c.team.name} (${c.team.code}); eigenaar: ${c.owner ? `${c.owner.name} (${c.owner.code})` : "geen"}`,
    `Ontvangen ${c.receivedOn}; uitspraak ${c.rulingOn ?? "—"}; einddatum ${c.endDate ?? "—"}`,
    `Prioriteit: ${c.priority ? `${PRIORITY_LABEL[c.priority.priorityClass]} (score ${c.priority.score})` : "nog niet getriëerd"}${c.directUnsafe ? " — directe kind-onveiligheid" : ""}`,
  ];
  if (c.priority?.override)
    lines.push(`  aangepast door ${c.priority.override.by}: ${c.priority.override.reason}`);
  lines.push(
    `Laatste contact: ${c.lastContact ? `${c.lastContact.date} (${CONTACT_KIND_LABEL[c.lastContact.kind]})` : "geen"}`,
    `Laatste ARIJ: ${c.lastArij ? `${c.lastArij.date} (${RISK_LABEL[c.lastArij.risk]})` : "geen"}`,
    "Open termijnen:",
    ...(c.deadlines.length
      ? c.deadlines.map((d) => `  ${d.due}  ${pad(DEADLINE_LABEL[d.kind], 30)}${d.overdue ? " TE LAAT" : ""}`)
      : ["  geen"]),
  );
  return lines.join("\n");
}

export function formatWerkvoorraad(w: Werkvoorraad): string {
  if (w.entries.length === 0) return "De werkvoorraad is leeg.";
  const rows = w.entries.map(
    (e) =>
      `${pad(e.priorityClass ?? "-", 3)}${pad(e.priorityScore ?? "", 5)}${pad(e.zaaknummer, 14)}${pad(MEASURE_LABEL[e.measure], 20)}${pad(e.team, 8)}${pad(`${e.weeksWaiting} wk`, 7)}${e.nextDue ? `${e.nextDue.due} ${DEADLINE_LABEL[e.nextDue.kind]}${e.nextDue.overdue ? " TE LAAT" : ""}` : ""}`,
  );
  return [`Werkvoorraad: ${w.total} zaken`, ...rows].join("\n");
}

export function formatCapacity(teams: TeamCapacityView[]): string {
  return teams
    .map((t) =>
      [
        `${t.name} (${t.code}): norm ${t.norm}, actief ${t.active}, vrij ${t.free}${t.unowned ? `, ${t.unowned} zonder eigenaar` : ""}`,
        ...t.workers.map(
          (w) =>
            `  ${pad(w.name, 26)}${pad(ROLE_LABEL[w.role], 27)}fte ${pad(w.fte, 5)}actief ${pad(w.active, 4)}vrij ${w.free}`,
        ),
      ].join("\n"),
    )
    .join("\n\n");
}

export function formatDue(items: DueItem[], date: IsoDate): string {
  if (items.length === 0) return `Geen open termijnen tot en met ${date}.`;
  return items
    .map(
      (i) =>
        `${i.due}  ${pad(i.zaaknummer, 14)}${pad(DEADLINE_LABEL[i.kind], 30)}${pad(i.owner ?? "(geen eigenaar)", 18)}${i.overdue ? "TE LAAT" : ""}`,
    )
    .join("\n");
}

export function formatReminders(
  rows: { kind: DeadlineKind; zaaknummer: string; recipient: string | null; due: IsoDate; stage: string }[],
  day: IsoDate,
): string {
  if (rows.length === 0) return `Geen herinneringen op ${day}.`;
  return rows
    .map(
      (r) =>
        `${r.due}  ${pad(r.zaaknummer, 14)}${pad(DEADLINE_LABEL[r.kind], 30)}${pad(r.stage, 11)}→ ${r.recipient ?? "(niemand)"}`,
    )
    .join("\n");
}

export function formatDigest(d: Digest): string {
  const lines = [
    `Weekoverzicht ${d.team.name} (${d.day}): ${d.size} zaken${d.previousSize === null ? "" : ` (vorige week ${d.previousSize})`}`,
    `Nieuw: ${d.newCases.join(", ") || "geen"}; teruggestroomd: ${d.returnedCases.join(", ") || "geen"}`,
    ...d.list.map(
      (e) =>
        `  ${pad(e.priorityClass ?? "-", 3)}${pad(e.zaaknummer, 14)}${pad(MEASURE_LABEL[e.measure], 20)}${e.weeksWaiting} wk`,
    ),
    ...(d.listRest > 0 ? [`  … en nog ${d.listRest} zaken (zicht werkvoorraad)`] : []),
    `Te laat: ${d.overdueContacts.length} contactmomenten, ${d.overdueArij.length} ARIJ's`,
    `Terugstroom: ${d.terugstroom.map((t) => `${t.zaaknummer} (${t.reasons.join(", ")})`).join("; ") || "geen"}`,
  ];
  return lines.join("\n");
}

export function formatOutbox(s: {
  counts: Record<string, number>;
  failures: { key: string; attempts: number; lastError: string | null }[];
}): string {
  const counts = ["pending", "sending", "sent", "failed"].map((k) => `${k}: ${s.counts[k] ?? 0}`).join(", ");
  return [
    counts,
    ...s.failures.map((f) => `  mislukt ${f.key} na ${f.attempts} pogingen: ${f.lastError ?? "?"}`),
  ].join("\n");
}

export function describeRun(
  what: string,
  result: { ran: boolean; reason?: string; summary?: unknown },
): string {
  if (result.ran) return `${what}: klaar ${JSON.stringify(result.summary)}`;
  const why = {
    already_done: "al gedaan voor deze periode",
    busy: "draait al elders",
    not_a_working_day: "geen werkdag",
  };
  return `${what}: niet uitgevoerd (${why[result.reason as keyof typeof why] ?? result.reason})`;
}

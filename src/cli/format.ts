import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { nl } from "date-fns/locale/nl";
import type { AuditTrailRow } from "../cases/auditTrail.ts";
import type { TeamCapacityView } from "../cases/capacityOverview.ts";
import type { CaseCard } from "../cases/caseCard.ts";
import type { DueItem } from "../cases/dueList.ts";
import type { Digest } from "../cases/payloads.ts";
import type { Werkvoorraad } from "../cases/werkvoorraad.ts";
import type { DeadlineKind, IsoDate } from "../domain/types.ts";
import {
  CONTACT_KIND_LABEL,
  DEADLINE_LABEL,
  MEASURE_LABEL,
  overrideReasonText,
  PHASE_LABEL,
  PRIORITY_LABEL,
  RISK_LABEL,
  ROLE_LABEL,
} from "../ui/labels.ts";
import { itemText, type Message } from "../ui/view.ts";

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
    lines.push(`  aangepast door ${c.priority.override.by}: ${overrideReasonText(c.priority.override)}`);
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
  const counts = ["pending", "sending", "sent", "failed", "unconfirmed", "dropped"]
    .map((k) => `${STATUS_LABEL[k]}: ${s.counts[k] ?? 0}`)
    .join(", ");
  return [
    counts,
    ...s.failures.map((f) => `  mislukt ${f.key} na ${f.attempts} pogingen: ${f.lastError ?? "?"}`),
  ].join("\n");
}

const STATUS_LABEL: Record<string, string> = {
  pending: "wacht",
  sending: "wordt verstuurd",
  sent: "verstuurd",
  failed: "opgegeven",
  unconfirmed: "onbevestigd",
  dropped: "vervallen",
};

const KIND_LABEL: Record<string, string> = {
  reminder: "herinnering",
  digest: "weekoverzicht",
  notice: "bericht",
  handover_request: "overdrachtsverzoek",
  admin: "beheermelding",
};

/** "23-11-2026 14:05" in Amsterdam time. */
function dutchDateTime(at: Date): string {
  return format(new TZDate(at, "Europe/Amsterdam"), "dd-MM-yyyy HH:mm");
}

export function formatGivenUp(
  rows: {
    kind: string;
    status: string;
    zaaknummer: string | null;
    attempts: number;
    lastError: string | null;
    givenUpAt: Date | null;
  }[],
): string {
  if (rows.length === 0) return "Geen opgegeven berichten.";
  return [
    `${rows.length} opgegeven bericht(en):`,
    ...rows.map(
      (r) =>
        `  ${STATUS_LABEL[r.status] ?? r.status}: ${KIND_LABEL[r.kind] ?? r.kind}${r.zaaknummer ? ` zaak ${r.zaaknummer}` : ""}` +
        `${r.givenUpAt ? `, ${dutchDateTime(r.givenUpAt)}` : ""}, na ${r.attempts} poging(en): ${r.lastError ?? "?"}`,
    ),
    "Opnieuw proberen: npm run zicht -- outbox opnieuw [--sinds JJJJ-MM-DD]",
  ].join("\n");
}

export function formatRequeued(n: number): string {
  return n === 0
    ? "Geen opgegeven berichten om opnieuw te versturen."
    : `${n} bericht(en) opnieuw in de wachtrij.`;
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

/** A chat message as plain text, for answers the CLI shares with chat (e.g. cijfers). */
export function formatMessage(m: Message): string {
  const lines: string[] = [];
  for (const b of m.blocks) {
    switch (b.type) {
      case "heading":
        lines.push(b.text, "=".repeat(b.text.length));
        break;
      case "text":
      case "context":
        lines.push(b.text.replaceAll("*", ""));
        break;
      case "fields":
        for (const f of b.fields) lines.push(`${f.label}: ${f.value}`);
        break;
      case "list":
        for (const item of b.items) lines.push(`  - ${itemText(item).replaceAll("*", "")}`);
        break;
      case "divider":
        lines.push("");
        break;
      case "image":
        lines.push(`[grafiek] ${b.alt}`);
        break;
      case "actions":
        break;
    }
  }
  return lines.join("\n");
}

const amsterdam = (iso: string) => new TZDate(new Date(iso), "Europe/Amsterdam");

/** The audit trail for the privacy officer, one line per row, Dutch date and time. */
export function formatAuditTrail(rows: AuditTrailRow[]): string {
  if (rows.length === 0) return "Geen regels in het auditlog.";
  return rows
    .map(
      (r) =>
        `${format(amsterdam(r.at), "EEEEEE d MMM yyyy HH:mm:ss", { locale: nl })}  ${pad(r.person, 14)} ${pad(r.via, 8)} ${pad(r.access, 8)} ${pad(r.action, 28)} ${r.outcome === "gelukt" ? "" : `${r.outcome} `}${r.zaaknummers.join(", ")}${r.onBehalfOf ? ` (namens ${r.onBehalfOf})` : ""}`,
    )
    .join("\n");
}

const csvField = (v: string) => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV export (semicolons, as Dutch spreadsheet software expects), with every NEN 7513 field. */
export function auditCsv(rows: AuditTrailRow[]): string {
  const header = "tijdstip;persoon;namens;handeling;soort_toegang;uitkomst;zaaknummers;via";
  const lines = rows.map((r) =>
    [
      format(amsterdam(r.at), "dd-MM-yyyy HH:mm:ss"),
      r.person,
      r.onBehalfOf ?? "",
      r.action,
      r.access,
      r.outcome,
      r.zaaknummers.join(" "),
      r.via,
    ]
      .map(csvField)
      .join(";"),
  );
  return [header, ...lines].join("\n");
}

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { nl } from "date-fns/locale/nl";
import type { AuditTrailRow } from "../cases/auditTrail.ts";
import { count } from "./labels.ts";
import { type Message, message } from "./view.ts";

/** A chat card is not a report: the newest rows, and where the whole list is. */
export const AUDIT_ROWS_SHOWN = 40;

const ACCESS_LABEL: Record<string, string> = {
  lezen: "gelezen",
  wijzigen: "gewijzigd",
  export: "geëxporteerd",
};

/** A list read names every case shown; a chat line names the first few. */
const CASES_PER_LINE = 5;

function cases(zaaknummers: string[]): string {
  if (zaaknummers.length === 0) return "";
  const more = zaaknummers.length - CASES_PER_LINE;
  return `: ${zaaknummers.slice(0, CASES_PER_LINE).join(", ")}${more > 0 ? ` en ${count(more, "andere zaak", "andere zaken")}` : ""}`;
}

function line(r: AuditTrailRow, withCases: boolean): string {
  const when = format(new TZDate(new Date(r.at), "Europe/Amsterdam"), "EEEEEE d MMM yyyy HH:mm", {
    locale: nl,
  });
  const refused = r.outcome === "gelukt" ? "" : ` — ${r.outcome}`;
  const behalf = r.onBehalfOf ? ` namens ${r.onBehalfOf}` : "";
  const what = r.action.replaceAll("_", " ");
  return `${when}: *${r.person}*${behalf} via ${r.via}, ${ACCESS_LABEL[r.access] ?? r.access} (${what})${refused}${withCases ? cases(r.zaaknummers) : ""}`;
}

/**
 * The audit trail for the privacy officer in chat. `subject` says whose or which case's trail it
 * is; `cli` is the command that gives the whole list (and a CSV export). A person's trail names
 * the cases on each line; a case's trail is about that case.
 */
export function auditTrailMessage(
  subject: string,
  rows: AuditTrailRow[],
  cli: string,
  withCases = false,
): Message {
  if (rows.length === 0)
    return message(`Auditlog ${subject}`, [
      { type: "heading", text: `Auditlog ${subject}` },
      { type: "text", text: "Geen regels in het auditlog." },
    ]);
  const shown = rows.slice(-AUDIT_ROWS_SHOWN);
  const earlier = rows.length - shown.length;
  return message(`Auditlog ${subject}: ${count(rows.length, "regel", "regels")}`, [
    { type: "heading", text: `Auditlog ${subject}` },
    { type: "list", items: shown.map((r) => line(r, withCases)) },
    {
      type: "context",
      text:
        (earlier > 0
          ? `De ${count(shown.length, "nieuwste regel", "nieuwste regels")}; er zijn ${earlier} eerdere. `
          : "") + `De hele lijst, ook als CSV: ${cli}. Dit inzien staat zelf ook in het auditlog.`,
    },
  ]);
}

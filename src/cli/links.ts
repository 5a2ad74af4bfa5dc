import type { LinkState } from "../cases/linkedAccounts.ts";
import type { LinkOutcome } from "../platforms/linkByEmail.ts";
import { count } from "../ui/labels.ts";

/** `zicht koppelingen`: who cannot be reached on a platform yet, and whether they will be linked. */
export function formatUnlinked(rows: readonly LinkState[], platforms: readonly string[]): string {
  if (rows.length === 0) return `Iedereen is gekoppeld (${platforms.join(", ")}).`;
  const lines = [`Nog niet gekoppeld: ${count(rows.length, "medewerker", "medewerkers")}.`];
  for (const r of rows) {
    const how = r.hasEmail
      ? "e-mailadres bekend: wordt gekoppeld bij het eerste bericht"
      : "geen e-mailadres: vul de kolom email in het personenbestand";
    lines.push(
      `  ${r.team.padEnd(8)} ${r.code.padEnd(14)} ${r.name.padEnd(24)} mist ${r.missing.join(", ")} (${how})`,
    );
  }
  return lines.join("\n");
}

/** After `import people --link`: how many were linked per platform, and who was not found. */
export function formatLinked(outcomes: readonly LinkOutcome[]): string {
  return outcomes
    .map((o) =>
      [
        `${o.platform}: ${count(o.linked, "medewerker", "medewerkers")} gekoppeld op e-mailadres.`,
        ...(o.notFound.length > 0 ? [`  niet gevonden op ${o.platform}: ${o.notFound.join(", ")}`] : []),
      ].join("\n"),
    )
    .join("\n");
}

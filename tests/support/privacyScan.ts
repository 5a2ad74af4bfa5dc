import type { SlackCall } from "./fakeSlackApi.ts";

// domain.md §3: a channel message shows per case only zaaknummer, measure, team, waiting time,
// priority and due dates. This scan reads every channel post a suite made, line by line.

const ZAAKNUMMER = /\b\d{4}-\d{4}\b/;
const FORBIDDEN_WORDS = [
  "geboortejaar",
  "risico",
  "face-to-face",
  "ouders",
  "netwerk",
  "BSN",
  "adres",
  "eigenaar",
];

function lines(body: Record<string, unknown>): string[] {
  const texts: string[] = [String(body.text ?? "")];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.text === "string") texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(body.blocks);
  return texts.flatMap((t) => t.split("\n"));
}

/** Every line of a channel post that names a case together with something §3 does not allow. */
export function privacyViolations(posts: SlackCall[], personNames: string[]): string[] {
  const out: string[] = [];
  for (const post of posts) {
    for (const line of lines(post.body)) {
      if (
        /\b(19|20)\d{2}\b(?!-)/.test(line.replace(/\d{2}-\d{2}-\d{4}/g, "").replace(ZAAKNUMMER, "")) &&
        ZAAKNUMMER.test(line)
      ) {
        out.push(`year next to a case: ${line}`);
      }
      if (!ZAAKNUMMER.test(line)) continue;
      for (const name of personNames) if (line.includes(name)) out.push(`name next to a case: ${line}`);
      for (const word of FORBIDDEN_WORDS)
        if (line.toLowerCase().includes(word.toLowerCase())) out.push(`"${word}" next to a case: ${line}`);
    }
  }
  return out;
}

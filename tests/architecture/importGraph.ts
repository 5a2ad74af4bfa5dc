import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

// The project's import graph as TypeScript resolves it: every static, type-only and lazy
// (`await import()`) import between the project's own files.

const ROOT = resolve(import.meta.dirname, "../..");
const ROOMS = ["src", "commands", "db"];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "migrations" ? [] : files(path);
    return /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** file (relative to the repository) → the project files it imports. */
export function importGraph(): Map<string, string[]> {
  const all = ROOMS.flatMap((room) => files(join(ROOT, room)));
  const known = new Set(all);
  const graph = new Map<string, string[]>();
  for (const file of all) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => resolve(dirname(file), name))
      .filter((path) => known.has(path))
      .map((path) => relative(ROOT, path));
    graph.set(relative(ROOT, file), [...new Set(targets)]);
  }
  return graph;
}

/** Every import cycle, each as the files on it (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The arrows that point up the layers: `from` may not import anything under `to`. */
export const FORBIDDEN: { from: string; to: string; why: string }[] = [
  { from: "src/domain/", to: "src/", why: "the rules import nothing of the project but themselves" },
  { from: "src/domain/", to: "db/", why: "the rules are pure" },
  { from: "src/domain/", to: "commands/", why: "the rules are pure" },
  { from: "src/cases/", to: "src/platforms/", why: "use cases never know a platform" },
  { from: "src/cases/", to: "src/jobs/", why: "jobs use the use cases, not the other way round" },
  { from: "src/cases/", to: "src/ui/", why: "use cases return data; src/ui words it" },
  { from: "src/cases/", to: "commands/", why: "commands use the use cases" },
  { from: "src/ui/", to: "src/jobs/", why: "views show data; jobs gather and send it" },
  { from: "src/ui/", to: "src/platforms/", why: "the view model knows no platform" },
  { from: "src/ui/", to: "commands/", why: "views import button declarations, never commands" },
  { from: "src/jobs/", to: "src/platforms/", why: "the outbox sends through the Sender interface" },
  { from: "src/jobs/", to: "commands/", why: "jobs queue data, commands answer people" },
  { from: "commands/", to: "src/platforms/", why: "commands are platform-neutral" },
  { from: "db/", to: "src/cases/", why: "the database layer sits under the use cases" },
  { from: "db/", to: "src/jobs/", why: "the database layer sits under the jobs" },
  { from: "db/", to: "src/ui/", why: "the database layer sits under the views" },
  { from: "db/", to: "commands/", why: "the database layer sits under the commands" },
  { from: "db/", to: "src/platforms/", why: "the database layer sits under the platforms" },
];

/** Imports that break a rule of FORBIDDEN, as "from → to (why)". */
export function upwardArrows(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const rule = FORBIDDEN.find(
        (r) =>
          from.startsWith(r.from) &&
          to.startsWith(r.to) &&
          // src/domain → src/domain is the rules importing each other
          !(r.from === "src/domain/" && to.startsWith("src/domain/")),
      );
      if (rule) out.push(`${from} → ${to} (${rule.why})`);
    }
  }
  return out.sort();
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  const graph = importGraph();
  const found = cycles(graph);
  const arrows = upwardArrows(graph);
  for (const c of found) console.log(`cycle: ${c.join(" ↔ ")}`);
  for (const a of arrows) console.log(`upward: ${a}`);
  process.exitCode = found.length + arrows.length > 0 ? 1 : 0;
}

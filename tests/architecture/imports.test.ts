import { describe, expect, it } from "vitest";
import { cycles, importGraph, upwardArrows } from "./importGraph.ts";

// Data flows down and results flow up (design.md): no module imports one that imports it back, and
// no layer reaches up. Run `npx tsx tests/architecture/importGraph.ts` to see what breaks it.

describe("the import graph", () => {
  const graph = importGraph();

  it("sees the project's modules, static and lazy imports alike", () => {
    expect(graph.get("commands/dispatch.ts")).toContain("commands/index.ts");
    expect(graph.get("src/demo.ts")).toContain("src/demoSeed.ts"); // an `await import()`
  });

  it("has no cycles", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no arrow pointing up a layer", () => {
    expect(upwardArrows(graph)).toEqual([]);
  });

  it("would see a cycle and an upward arrow", () => {
    const bad = new Map([
      ["src/ui/a.ts", ["src/jobs/b.ts"]],
      ["src/jobs/b.ts", ["src/ui/a.ts"]],
    ]);
    expect(cycles(bad)).toEqual([["src/jobs/b.ts", "src/ui/a.ts"]]);
    expect(upwardArrows(bad)).toEqual([
      "src/ui/a.ts → src/jobs/b.ts (views show data; jobs gather and send it)",
    ]);
  });
});

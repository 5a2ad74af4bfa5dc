import { describe, expect, it } from "vitest";
import { measureEndProblem } from "../../src/domain/measures.ts";

// BW 1:257, 1:258: a voorlopige OTS at most 3 months, an OTS at most a year per period.
describe("the legal length of a measure (issue 11 item 15)", () => {
  it("refuses a voorlopige OTS ending more than 3 months after its ruling, in Dutch with the last date", () => {
    expect(measureEndProblem("vots", "2026-01-31", "2026-02-02", "2026-05-01")).toBe(
      "Een voorlopige OTS duurt hoogstens 3 maanden na de uitspraak: de einddatum ligt uiterlijk op 30-04-2026.",
    );
    expect(measureEndProblem("vots", "2026-01-31", "2026-02-02", "2026-04-30")).toBeNull();
  });

  it("refuses an OTS longer than a year per period", () => {
    expect(measureEndProblem("ots", "2026-03-10", "2026-03-12", "2027-03-11")).toContain(
      "hoogstens een jaar",
    );
    expect(measureEndProblem("ots", "2026-03-10", "2026-03-12", "2027-03-10")).toBeNull();
  });

  it("counts from receipt when the ruling date is unknown, and leaves voogdij and JR alone", () => {
    expect(measureEndProblem("vots", null, "2026-02-02", "2026-05-02")).toBeNull();
    expect(measureEndProblem("vots", null, "2026-02-02", "2026-05-03")).not.toBeNull();
    expect(measureEndProblem("voogdij", "2020-01-01", "2020-01-02", "2030-01-01")).toBeNull();
    expect(measureEndProblem("jr", null, "2026-01-01", "2028-01-01")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { calendarFor } from "../../src/domain/calendar.ts";
import { addDays } from "../../src/domain/dates.ts";
import { DEFAULT_POLICY, type Policy } from "../../src/domain/policy.ts";
import { REMINDER_STAGES, type ReminderStage, sendDates, stagesDue } from "../../src/domain/reminders.ts";
import type { IsoDate } from "../../src/domain/types.ts";

// Every expected date was worked out by hand on a calendar (python datetime), not by this code.
// Defaults: vooraf 5 werkdagen before, te_laat 1 werkdag after, escalatie 5 werkdagen after.

const staff = calendarFor(DEFAULT_POLICY);
const due = (d: IsoDate, today: IsoDate, sent: ReminderStage[] = [], policy: Policy = DEFAULT_POLICY) =>
  stagesDue(d, today, sent, policy, calendarFor(policy));

describe("sendDates", () => {
  it.each([
    // Thu 30 April 2026: vooraf skips Koningsdag; escalatie skips Bevrijdingsdag
    [
      "2026-04-30",
      { vooraf: "2026-04-22", vandaag: "2026-04-30", te_laat: "2026-05-01", escalatie: "2026-05-08" },
    ],
    // Thu 24 December: over Christmas and the new year
    [
      "2026-12-24",
      { vooraf: "2026-12-17", vandaag: "2026-12-24", te_laat: "2026-12-28", escalatie: "2027-01-04" },
    ],
    // a due date that is not a working day (Saturday before Koningsdag): vandaag moves on
    [
      "2026-04-25",
      { vooraf: "2026-04-20", vandaag: "2026-04-28", te_laat: "2026-04-28", escalatie: "2026-05-04" },
    ],
  ] as const)("due %s", (d, expected) => {
    expect(sendDates(d, DEFAULT_POLICY, staff)).toEqual(expected);
  });

  it("takes its numbers from the policy", () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      reminders: { ...DEFAULT_POLICY.reminders, voorafWorkdays: 2, teLaatWorkdays: 3, escalatieWorkdays: 10 },
    };
    expect(sendDates("2026-04-30", policy, staff)).toEqual({
      vooraf: "2026-04-28",
      vandaag: "2026-04-30",
      te_laat: "2026-05-06",
      escalatie: "2026-05-18",
    });
  });

  it("lists the stages in track order", () => {
    expect(REMINDER_STAGES).toEqual(["vooraf", "vandaag", "te_laat", "escalatie"]);
  });
});

describe("stagesDue, due Thu 30 April 2026", () => {
  const D = "2026-04-30";
  it.each([
    ["2026-04-21", [], []], // before vooraf
    ["2026-04-22", [], ["vooraf"]],
    ["2026-04-23", ["vooraf"], []],
    ["2026-04-27", [], []], // Koningsdag: no sweep
    ["2026-04-26", [], []], // Sunday
    ["2026-05-05", ["vooraf"], []], // Bevrijdingsdag
    ["2026-04-30", ["vooraf"], ["vandaag"]],
    ["2026-04-30", [], ["vandaag"]], // vooraf missed: only the message that still makes sense
    ["2026-05-01", ["vooraf", "vandaag"], ["te_laat"]],
    ["2026-05-01", ["vooraf", "vandaag", "te_laat"], []],
    ["2026-04-30", ["te_laat"], []], // a later owner stage was already sent
    ["2026-05-04", ["vooraf"], ["te_laat"]], // down Wed 29 April to Fri 1 May
    ["2026-05-07", ["vooraf", "vandaag", "te_laat"], []],
    ["2026-05-08", ["vooraf", "vandaag", "te_laat"], ["escalatie"]],
    ["2026-05-08", ["vooraf", "vandaag", "te_laat", "escalatie"], []],
    ["2026-05-08", ["escalatie"], ["te_laat"]], // the tracks are independent
    ["2026-05-11", [], ["te_laat", "escalatie"]], // long outage: one owner message plus escalatie
  ] as const)("on %s, sent %j → %j", (today, sent, expected) => {
    expect(due(D, today, [...sent])).toEqual(expected);
  });
});

describe("stagesDue over the year end, due Thu 24 December 2026", () => {
  it.each([
    ["2026-12-17", [], ["vooraf"]],
    ["2026-12-25", ["vooraf", "vandaag"], []], // eerste Kerstdag
    ["2026-12-28", ["vooraf", "vandaag"], ["te_laat"]],
    ["2027-01-01", ["vooraf", "vandaag", "te_laat"], []], // Nieuwjaarsdag
    ["2027-01-04", ["vooraf", "vandaag", "te_laat"], ["escalatie"]],
  ] as const)("on %s, sent %j → %j", (today, sent, expected) => {
    expect(due("2026-12-24", today, [...sent])).toEqual(expected);
  });
});

describe("a daily sweep", () => {
  // Runs the sweep each day from `from` to `to`, skipping days the system is down, and records what
  // it sends; sent stages are remembered as the outbox would.
  function simulate(d: IsoDate, from: IsoDate, to: IsoDate, down: IsoDate[] = []) {
    const sent: ReminderStage[] = [];
    const log: [IsoDate, ReminderStage][] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      if (down.includes(day)) continue;
      for (const stage of due(d, day, sent)) {
        sent.push(stage);
        log.push([day, stage]);
      }
    }
    return log;
  }

  it("sends each stage once, on its day", () => {
    expect(simulate("2026-04-30", "2026-04-01", "2026-06-30")).toEqual([
      ["2026-04-22", "vooraf"],
      ["2026-04-30", "vandaag"],
      ["2026-05-01", "te_laat"],
      ["2026-05-08", "escalatie"],
    ]);
  });

  it("catches up after 3 days down with only the latest owner stage", () => {
    expect(
      simulate("2026-04-30", "2026-04-01", "2026-06-30", ["2026-04-29", "2026-04-30", "2026-05-01"]),
    ).toEqual([
      ["2026-04-22", "vooraf"],
      ["2026-05-04", "te_laat"],
      ["2026-05-08", "escalatie"],
    ]);
  });

  it("a deadline first seen late starts where it stands", () => {
    expect(simulate("2026-04-30", "2026-04-28", "2026-06-30")).toEqual([
      ["2026-04-28", "vooraf"],
      ["2026-04-30", "vandaag"],
      ["2026-05-01", "te_laat"],
      ["2026-05-08", "escalatie"],
    ]);
  });
});

import { TZDate } from "@date-fns/tz";
import type { CaseContext } from "../cases/context.ts";
import { refreshPrioritiesDaily } from "../cases/priorityStore.ts";
import { todayInAmsterdam } from "../domain/dates.ts";
import { log, logUnexpected } from "../log.ts";
import type { Dispatcher } from "./outbox.ts";
import { runRetention } from "./retention.ts";
import { type JobSettings, runDigest, runReminderSweep } from "./runs.ts";

export interface ScheduleSettings extends JobSettings {
  /** "HH:MM" Europe/Amsterdam on working days. */
  sweepAt: string;
  /** "HH:MM" Europe/Amsterdam; the digest goes out on the week's first working day from this time. */
  digestAt: string;
  /** How often the outbox is drained, in seconds. */
  dispatchEverySeconds: number;
}

const ZONE = "Europe/Amsterdam";

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Runs whatever is due at `now`: the day's sweep once its time has come, the week's digest once its
 * time has come on a working day. Both are idempotent per period, so this is also the catch-up after
 * a restart: a sweep or digest missed while Zicht was down goes out now, once.
 */
export async function runDueJobs(
  ctx: CaseContext,
  settings: ScheduleSettings,
  now: Date,
  dispatcher?: Dispatcher,
) {
  const day = todayInAmsterdam(now);
  const local = new TZDate(now, ZONE);
  const minute = local.getHours() * 60 + local.getMinutes();
  const results: Record<string, unknown> = {};
  // The day's priorities (the waiting time grows) are refreshed by the first loop after midnight, so
  // the first person to open a werkvoorraad on a Monday at 8:00 does not wait for every open case.
  await refreshPrioritiesDaily(ctx.db, ctx);
  if (minute >= minutesOf(settings.sweepAt)) results.reminders = await runReminderSweep(ctx, day, settings);
  if (minute >= minutesOf(settings.digestAt)) results.digest = await runDigest(ctx, day, settings);
  // Retention runs every day (weekends too), once per day; a missed day is caught up at start-up.
  results.retention = await runRetention(ctx, day);
  if (dispatcher) results.dispatched = await dispatcher.drain();
  return results;
}

export interface Scheduler {
  /** Stops claiming at once, lets the message in flight and a running job finish, then resolves. */
  stop(): Promise<void>;
}

export interface SchedulerTiming {
  /** How often due jobs are checked (and a job that found its lock busy is tried again). */
  jobsEveryMs?: number;
  /** Pause between drains when the last one put rows back to wait for their turn. */
  soonMs?: number;
}

/**
 * Two independent loops: the jobs (sweep, digest) and the outbox. A hung platform call never holds
 * up the day's sweep, and a long sweep never holds up a handover request.
 *
 * The jobs loop asks "what is due now?" every minute instead of firing once at the set time: a sweep
 * or digest that could not take its lock (another replica held it, the database was away) is tried
 * again a minute later until its period has been done — by this replica or another.
 */
export function startScheduler(
  ctx: CaseContext,
  settings: ScheduleSettings,
  dispatcher: Dispatcher,
  clock: () => Date = () => new Date(),
  timing: SchedulerTiming = {},
): Scheduler {
  const jobsEveryMs = timing.jobsEveryMs ?? 60_000;
  const soonMs = timing.soonMs ?? 1000;
  let stopped = false;
  const wake = new Set<() => void>();
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake.add(done);
    });

  const jobs = (async () => {
    while (!stopped) {
      try {
        const r = await runDueJobs(ctx, settings, clock());
        log.debug(r, "jobs ran");
      } catch (err) {
        logUnexpected(err, { job: "jobs" });
      }
      if (!stopped) await nap(jobsEveryMs);
    }
  })();

  const outbox = (async () => {
    while (!stopped) {
      let soon = false;
      try {
        const r = await dispatcher.drain();
        soon = r.deferred > 0;
      } catch (err) {
        logUnexpected(err, { job: "outbox" });
      }
      if (!stopped) await nap(soon ? soonMs : settings.dispatchEverySeconds * 1000);
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      for (const w of [...wake]) w();
      await dispatcher.stop();
      await Promise.all([jobs, outbox]);
    },
  };
}

import { TZDate } from "@date-fns/tz";
import cron, { type ScheduledTask } from "node-cron";
import type { CaseContext } from "../cases/context.ts";
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
  if (minute >= minutesOf(settings.sweepAt)) results.reminders = await runReminderSweep(ctx, day, settings);
  if (minute >= minutesOf(settings.digestAt)) results.digest = await runDigest(ctx, day, settings);
  // Retention runs every day (weekends too), once per day; a missed day is caught up at start-up.
  results.retention = await runRetention(ctx, day);
  if (dispatcher) results.dispatched = await dispatcher.drain();
  return results;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(
  ctx: CaseContext,
  settings: ScheduleSettings,
  dispatcher: Dispatcher,
  clock: () => Date = () => new Date(),
): Scheduler {
  let running: Promise<unknown> = Promise.resolve();
  const tick = (why: string) => {
    running = running
      .then(() => runDueJobs(ctx, settings, clock(), dispatcher))
      .then((r) => log.debug({ why, ...r }, "jobs ran"))
      .catch((err) => logUnexpected(err, { job: why }));
    return running;
  };
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(":");
    return `${Number(m)} ${Number(h)} * * 1-5`;
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(at(settings.sweepAt), () => void tick("sweep"), { timezone: ZONE }),
    cron.schedule(at(settings.digestAt), () => void tick("digest"), { timezone: ZONE }),
    cron.schedule("30 2 * * *", () => void tick("retention"), { timezone: ZONE }),
  ];
  const dispatchTimer = setInterval(() => {
    running = running.then(() => dispatcher.drain()).catch((err) => logUnexpected(err, { job: "outbox" }));
  }, settings.dispatchEverySeconds * 1000);
  dispatchTimer.unref();
  void tick("start-up catch-up");
  return {
    stop: async () => {
      for (const t of tasks) await t.stop();
      clearInterval(dispatchTimer);
      await running;
    },
  };
}

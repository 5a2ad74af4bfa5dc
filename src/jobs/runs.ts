import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { parseISO } from "date-fns/parseISO";
import { notifications } from "../../db/schema.ts";
import type { CaseContext } from "../cases/context.ts";
import type { PlatformName } from "../cases/identity.ts";
import type { DigestPayload } from "../cases/payloads.ts";
import type { IsoDate } from "../domain/types.ts";
import { buildDigest, type Digest, digestTeams } from "./digest.ts";
import { previousRun, runOncePerPeriod } from "./jobRun.ts";
import { enqueueReminders } from "./reminderSweep.ts";

/** The ISO week a day belongs to, e.g. "2026-W18": the digest's period. */
export function isoWeek(day: IsoDate): string {
  const d = parseISO(day);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, "0")}`;
}

export interface JobSettings {
  platforms: readonly PlatformName[];
  /** Also send the digest to the CCP's channel. */
  digestToCcp: boolean;
}

/** The reminder sweep of one working day, at most once. */
export async function runReminderSweep(ctx: CaseContext, day: IsoDate, settings: JobSettings) {
  if (!ctx.calendar.isWorkingDay(day)) return { ran: false as const, reason: "not_a_working_day" as const };
  return runOncePerPeriod(ctx.db, "reminders", day, (tx) =>
    enqueueReminders(tx, ctx, day, settings.platforms),
  );
}

/** Every digest of `day` without sending anything (CLI --dry-run, the local console). */
export async function buildDigests(ctx: CaseContext, day: IsoDate, digestToCcp: boolean): Promise<Digest[]> {
  const week = isoWeek(day);
  const last = await previousRun(ctx.db, "digest", week);
  const sizes = (last?.summary as { sizes?: Record<string, number> } | null)?.sizes ?? {};
  const out: Digest[] = [];
  for (const team of await digestTeams(ctx.db, digestToCcp)) {
    out.push(await buildDigest(ctx, ctx.db, team.code, day, sizes[team.code] ?? null));
  }
  return out;
}

/**
 * The week's digest, on the first working day the job runs in that week, at most once per week.
 * Each team's channel gets it on every configured platform it has a channel on.
 */
export async function runDigest(ctx: CaseContext, day: IsoDate, settings: JobSettings) {
  if (!ctx.calendar.isWorkingDay(day)) return { ran: false as const, reason: "not_a_working_day" as const };
  const week = isoWeek(day);
  return runOncePerPeriod(ctx.db, "digest", week, async (tx) => {
    const last = await previousRun(tx, "digest", week);
    const previous = (last?.summary as { sizes?: Record<string, number> } | null)?.sizes ?? {};
    const sizes: Record<string, number> = {};
    let queued = 0;
    for (const team of await digestTeams(tx, settings.digestToCcp)) {
      const digest = await buildDigest(ctx, tx, team.code, day, previous[team.code] ?? null);
      sizes[team.code] = digest.size;
      for (const platform of settings.platforms) {
        const channel = team.channels[platform];
        if (!channel) continue;
        const payload: DigestPayload = { type: "digest", digest };
        const inserted = await tx
          .insert(notifications)
          .values({
            key: `digest:${team.code}:${week}:${platform}`,
            kind: "digest",
            platform,
            channel,
            payload,
          })
          .onConflictDoNothing({ target: notifications.key })
          .returning({ id: notifications.id });
        queued += inserted.length;
      }
    }
    return { week, sizes, queued };
  });
}

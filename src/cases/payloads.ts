import { z } from "zod";
import { HANDOVER_KINDS } from "../domain/handover.ts";
import { REMINDER_STAGES } from "../domain/reminders.ts";
import { DEADLINE_KINDS, MEASURES, PHASES, PRIORITY_CLASSES } from "../domain/types.ts";

// What an outbox row carries: data, not rendered text, so a message is rendered when it is sent
// (src/jobs/payloads.ts, the one place that renders each kind). One discriminated union on `type`;
// a row is read through `readPayload`, so a row that does not fit is a visible failure, not a crash.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const zaaknummer = z.string().min(1).max(200);

export const reminderPayload = z.object({
  type: z.literal("reminder"),
  zaaknummer,
  kind: z.enum(DEADLINE_KINDS),
  due: isoDate,
  stage: z.enum(REMINDER_STAGES),
  /** Set on escalations: the name of the case owner the PB is warned about, if any. */
  owner: z.string().nullable().default(null),
  snoozeReason: z.string().optional(),
  /** The PB stands in for this owner, absent on the due day ("vervanging: eigenaar afwezig"). */
  standingInFor: z.string().optional(),
});
export type ReminderPayload = z.output<typeof reminderPayload>;

/** A line of a person's day message: a reminder, marked done when its deadline is no longer open as it was. */
const dayItem = reminderPayload.extend({ done: z.boolean() });
export type DayItem = z.output<typeof dayItem>;

/** A person's day message ("Mijn dag"); stored with no items, which are read from the item rows when it is rendered. */
export const dayMessagePayload = z.object({
  type: z.literal("mijn_dag"),
  day: isoDate,
  items: z.array(dayItem),
});
export type DayMessagePayload = z.output<typeof dayMessagePayload>;

export const TERUGSTROOM_REASONS = ["directe_onveiligheid", "complex", "capaciteit"] as const;
export type TerugstroomReason = (typeof TERUGSTROOM_REASONS)[number];

const dueItem = z.object({
  kind: z.enum(DEADLINE_KINDS),
  zaaknummer,
  owner: z.string().nullable(),
  due: isoDate,
  overdue: z.boolean(),
});

const werkvoorraadEntry = z.object({
  zaaknummer,
  measure: z.enum(MEASURES),
  phase: z.enum(PHASES),
  team: z.string(),
  teamName: z.string(),
  priorityClass: z.enum(PRIORITY_CLASSES).nullable(),
  priorityScore: z.number().nullable(),
  directUnsafe: z.boolean(),
  weeksWaiting: z.number(),
  nextDue: z.object({ kind: z.enum(DEADLINE_KINDS), due: isoDate, overdue: z.boolean() }).nullable(),
});

/** The weekly CRT priority digest (domain.md §6): zaaknummers and the fields §3 allows, no names by case. */
export const digest = z.object({
  team: z.object({ code: z.string(), name: z.string() }),
  day: isoDate,
  size: z.number(),
  previousSize: z.number().nullable(),
  newCases: z.array(z.string()),
  returnedCases: z.array(z.string()),
  list: z.array(werkvoorraadEntry),
  listRest: z.number(),
  overdueContacts: z.array(dueItem),
  overdueArij: z.array(dueItem),
  terugstroom: z.array(z.object({ zaaknummer, reasons: z.array(z.enum(TERUGSTROOM_REASONS)) })),
  regularCapacity: z.array(z.object({ code: z.string(), name: z.string(), free: z.number() })),
  crtCaseload: z.array(
    z.object({ name: z.string(), active: z.number(), norm: z.number(), free: z.number() }),
  ),
  /** The team's werkvoorraad per week and intake norms as of the digest day (the cijfers chart). */
  chart: z
    .object({ type: z.literal("image"), png: z.string(), alt: z.string(), title: z.string() })
    .optional(),
});
export type Digest = z.output<typeof digest>;

export const digestPayload = z.object({ type: z.literal("digest"), digest });
export type DigestPayload = z.output<typeof digestPayload>;

/** A line for the administrators' channel (a message that could not be delivered). */
export const adminPayload = z.object({ type: z.literal("admin"), text: z.string() });
export type AdminPayload = z.output<typeof adminPayload>;

/** The DM to the receiving PB, with the two decisions as buttons. */
export const handoverRequestPayload = z.object({
  type: z.literal("handover_request"),
  handoverId: z.number().int(),
  zaaknummer,
  kind: z.enum(HANDOVER_KINDS),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  warm: z.enum(["gepland", "gedaan", "niet_nodig"]),
  warmOn: isoDate.nullable(),
});
export type HandoverRequestPayload = z.output<typeof handoverRequestPayload>;

// What a person is told about a step others took: data only; src/ui words it.
const notices = [
  z.object({ type: z.literal("handover_rejected"), zaaknummer, by: z.string(), reason: z.string() }),
  z.object({
    type: z.literal("handover_accepted"),
    zaaknummer,
    by: z.string(),
    toTeam: z.string(),
    ownerName: z.string().nullable(),
  }),
  z.object({ type: z.literal("handover_assigned"), zaaknummer, by: z.string() }),
  z.object({ type: z.literal("handover_withdrawn"), zaaknummer, by: z.string(), reason: z.string() }),
  /** The CCP coordinates every terugstroom (domain.md §6, §8): told when one is proposed and decided. */
  z.object({
    type: z.literal("terugstroom_ccp"),
    zaaknummer,
    stage: z.enum(["aangevraagd", "geaccepteerd", "afgewezen"]),
    by: z.string(),
    toTeam: z.string(),
    reason: z.string(),
    ownerName: z.string().nullable(),
  }),
  z.object({
    type: z.literal("reminder_snoozed"),
    zaaknummer,
    kind: z.enum(DEADLINE_KINDS),
    due: isoDate,
    until: isoDate,
    by: z.string(),
    reason: z.string(),
  }),
] as const;
export const noticePayload = z.discriminatedUnion("type", [...notices]);
export type NoticeData = z.output<typeof noticePayload>;

/** Every kind an outbox row can carry. */
export const payload = z.discriminatedUnion("type", [
  reminderPayload,
  dayMessagePayload,
  digestPayload,
  adminPayload,
  handoverRequestPayload,
  ...notices,
]);
export type Payload = z.output<typeof payload>;

/** A stored payload read back: the payload, or why it does not fit (for the operator, never the value). */
export function readPayload(raw: unknown): { ok: true; payload: Payload } | { ok: false; why: string } {
  const parsed = payload.safeParse(raw);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    why: `payload does not fit: ${first?.path.join(".") || "type"}: ${first?.code ?? "invalid"}`,
  };
}

import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  ARIJ_REASONS,
  CONTACT_KINDS,
  DEADLINE_KINDS,
  MARKABLE_MILESTONES,
  MEASURES,
  PHASES,
  PRIORITY_CLASSES,
  RISK_LEVELS,
  ROLES,
  TEAM_KINDS,
} from "../src/domain/types.ts";

// Privacy line (domain.md §3): no names of children or parents, no BSN, no addresses, no free
// narrative. Staff names are stored because staff are the users. Free-text columns below are
// reasons chosen from lists or short work notes about the process, never about the family.

export const teamKind = pgEnum("team_kind", TEAM_KINDS);
export const role = pgEnum("role", ROLES);
export const measure = pgEnum("measure", MEASURES);
export const phase = pgEnum("phase", PHASES);
export const riskLevel = pgEnum("risk_level", RISK_LEVELS);
export const arijReason = pgEnum("arij_reason", ARIJ_REASONS);
export const contactKind = pgEnum("contact_kind", CONTACT_KINDS);
export const deadlineKind = pgEnum("deadline_kind", DEADLINE_KINDS);
export const milestoneKind = pgEnum("milestone_kind", MARKABLE_MILESTONES);
export const priorityClass = pgEnum("priority_class", PRIORITY_CLASSES);
export const handoverKind = pgEnum("handover_kind", [
  "regulier_crt",
  "crt_regulier",
  "ccp_regulier",
  "werker_werker",
]);
export const handoverStatus = pgEnum("handover_status", [
  "aangevraagd",
  "geaccepteerd",
  "afgewezen",
  /** Withdrawn by its requester before a decision. */
  "ingetrokken",
]);
export const warmHandover = pgEnum("warm_handover", ["gepland", "gedaan", "niet_nodig"]);
/**
 * unconfirmed: an attempt may have reached the platform but that could not be checked (shown by
 * `zicht outbox --mislukt`, never resent by itself); dropped: no longer true when it was to be sent.
 */
export const notificationStatus = pgEnum("notification_status", [
  "pending",
  "sending",
  "sent",
  "failed",
  "unconfirmed",
  "dropped",
]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const teams = pgTable("teams", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  kind: teamKind("kind").notNull(),
  createdAt: createdAt(),
});

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    role: role("role").notNull(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    fte: numeric("fte", { precision: 3, scale: 2, mode: "number" }).notNull(),
    /**
     * Work e-mail from the people CSV: the one thing a chat platform and Zicht both know of a staff
     * member, so accounts are linked by it instead of by copied platform ids. Never shown in chat.
     */
    email: text("email"),
    /** ISO weekdays (1 = Monday) this person works: their day message goes out only then. */
    workingDays: integer("working_days").array().notNull().default(sql`'{1,2,3,4,5}'::integer[]`),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("people_team_idx").on(t.teamId), uniqueIndex("people_email_idx").on(sql`lower(${t.email})`)],
);

/** How an account came to be linked: an id in the CSV, looked up by e-mail at import, or on first contact. */
export const linkMethod = pgEnum("link_method", ["import", "email", "first_contact"]);

/**
 * A person's account on a chat platform (owned by the platform adapters; the platform is a name, not
 * a column, so a new platform needs no migration). `conversation` is the adapter's own reference to
 * the person's direct chat (e.g. Teams' conversation id and service URL), opaque to everything else.
 */
export const linkedAccounts = pgTable(
  "linked_accounts",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    how: linkMethod("how").notNull(),
    conversation: jsonb("conversation"),
    conversationAt: timestamp("conversation_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.platform] }),
    uniqueIndex("linked_accounts_platform_external_idx").on(t.platform, t.externalId),
  ],
);

/** Where a team's channel messages (the weekly digest) go on each platform. */
export const channelBindings = pgTable(
  "channel_bindings",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    channelId: text("channel_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.platform] })],
);

export const cases = pgTable(
  "cases",
  {
    id: serial("id").primaryKey(),
    zaaknummer: text("zaaknummer").notNull().unique(),
    measure: measure("measure").notNull(),
    receivedOn: date("received_on").notNull(),
    rulingOn: date("ruling_on"),
    endDate: date("end_date"),
    phase: phase("phase").notNull(),
    /** When the case entered its current phase: the werkvoorraad's waiting time counts from here. */
    phaseSince: date("phase_since").notNull(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    ownerId: integer("owner_id").references(() => people.id),
    birthYears: integer("birth_years").array().notNull().default(sql`'{}'::integer[]`),
    plannedKernbesluit: date("planned_kernbesluit"),
    contactFrequencyWeeks: integer("contact_frequency_weeks"),
    directUnsafe: boolean("direct_unsafe").notNull().default(false),
    /** Effective priority (an override wins over the computed one); null until triaged. */
    priorityClass: priorityClass("priority_class"),
    priorityScore: integer("priority_score"),
    /** Complexity is a judgement: a GW or PB marks the case complex, on this day (terugstroom, §6). */
    complexOn: date("complex_on"),
    complexById: integer("complex_by_id").references(() => people.id),
    /** Why a case was closed (afsluiten); null while open. */
    closedReason: text("closed_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cases_team_phase_idx").on(t.teamId, t.phase),
    index("cases_owner_idx").on(t.ownerId),
    index("cases_phase_priority_idx").on(t.phase, t.priorityClass, t.priorityScore),
  ],
);

/**
 * Dated history of a case's phase, team and owner, written by a database trigger on `cases`
 * (migration 0009) so that every way of changing a case records it. Figures as of a date read this.
 */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    on: date("on").notNull(),
    phase: phase("phase").notNull(),
    teamId: integer("team_id").notNull(),
    ownerId: integer("owner_id"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Kept by trigger (migration 0013): the next day with an event of the case (null: still holding),
     * or "on" itself for an event followed by another on the same day (it never holds).
     */
    until: date("until"),
    /** Kept by trigger: the state on the last earlier day with an event (null on the first day). */
    prevPhase: phase("prev_phase"),
    prevTeamId: integer("prev_team_id"),
  },
  (t) => [index("case_events_case_on_idx").on(t.caseId, t.on), index("case_events_on_idx").on(t.on)],
);

/**
 * Per case, the first and last dates of the facts `cijfers` asks about (voided records excluded),
 * rewritten by triggers on the source tables (migration 0013) whenever one of the case's rows
 * changes. Derived, never written by the app.
 */
export const caseFacts = pgTable("case_facts", {
  caseId: integer("case_id")
    .primaryKey()
    .references(() => cases.id, { onDelete: "cascade" }),
  firstTriage: date("first_triage"),
  leftAangemeld: date("left_aangemeld"),
  firstFaceToFace: date("first_face_to_face"),
  lastFaceToFace: date("last_face_to_face"),
  firstArij: date("first_arij"),
  lastArij: date("last_arij"),
  lastKernOn: date("last_kern_on"),
  lastKernFrequencyWeeks: integer("last_kern_frequency_weeks"),
  firstPlan: date("first_plan"),
  firstHulp: date("first_hulp"),
});

export const triages = pgTable(
  "triages",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    answers: jsonb("answers").notNull(),
    directUnsafe: boolean("direct_unsafe").notNull(),
    criteria: text("criteria").array().notNull(),
    routing: text("routing").notNull(),
    priorityClass: priorityClass("priority_class").notNull(),
    priorityScore: integer("priority_score").notNull(),
    explanation: jsonb("explanation").notNull(),
    overrideClass: priorityClass("override_class"),
    /** A key of OVERRIDE_REASONS (src/cases/overridePriority.ts), or "[verwijderd]" for old free text. */
    overrideReason: text("override_reason"),
    /** Optional short note that passed the privacy guard (at most 140 characters). */
    overrideNote: text("override_note"),
    overrideById: integer("override_by_id").references(() => people.id),
    overrideAt: timestamp("override_at", { withTimezone: true }),
    byId: integer("by_id")
      .notNull()
      .references(() => people.id),
    triagedOn: date("triaged_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("triages_case_idx").on(t.caseId)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    date: date("date").notNull(),
    kind: contactKind("kind").notNull(),
    newConcerns: boolean("new_concerns").notNull().default(false),
    byId: integer("by_id").references(() => people.id),
    /** Voided records stay, marked; they no longer count for any deadline. */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedById: integer("voided_by_id").references(() => people.id),
    voidReason: text("void_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("contacts_case_date_idx").on(t.caseId, t.date),
    index("contacts_face_to_face_idx")
      .on(t.caseId, t.date)
      .where(sql`${t.kind} = 'kind_face_to_face' and ${t.voidedAt} is null`),
  ],
);

export const arijAssessments = pgTable(
  "arij_assessments",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    date: date("date").notNull(),
    risk: riskLevel("risk").notNull(),
    reason: arijReason("reason").notNull(),
    byId: integer("by_id").references(() => people.id),
    /** Voided records stay, marked; they no longer count for any deadline. */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedById: integer("voided_by_id").references(() => people.id),
    voidReason: text("void_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("arij_case_date_idx").on(t.caseId, t.date),
    index("arij_valid_idx").on(t.caseId, t.date).where(sql`${t.voidedAt} is null`),
  ],
);

export const kernbeslissingen = pgTable(
  "kernbeslissingen",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    date: date("date").notNull(),
    contactFrequencyWeeks: integer("contact_frequency_weeks").notNull(),
    gwId: integer("gw_id")
      .notNull()
      .references(() => people.id),
    plannedNext: date("planned_next"),
    byId: integer("by_id").references(() => people.id),
    /** Voided records stay, marked; they no longer count for any deadline. */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedById: integer("voided_by_id").references(() => people.id),
    voidReason: text("void_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("kernbeslissingen_case_date_idx").on(t.caseId, t.date),
    index("kernbeslissingen_valid_idx").on(t.caseId, t.date, t.id).where(sql`${t.voidedAt} is null`),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    kind: milestoneKind("kind").notNull(),
    doneOn: date("done_on").notNull(),
    /** For verlenging: the end date the preparation was for; a new end date opens a new one. */
    refDate: date("ref_date"),
    byId: integer("by_id").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index("milestones_case_idx").on(t.caseId, t.kind)],
);

/**
 * Open deadlines, derived from a case's facts by src/domain/deadlines.ts and rewritten in the
 * same transaction as every change to the case. It makes "what is due by date X" an index range
 * scan whose cost follows the number of due items, not the number of cases.
 */
export const deadlines = pgTable(
  "deadlines",
  {
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    kind: deadlineKind("kind").notNull(),
    due: date("due").notNull(),
    basis: text("basis").notNull(),
  },
  (t) => [uniqueIndex("deadlines_case_kind_idx").on(t.caseId, t.kind), index("deadlines_due_idx").on(t.due)],
);

export const handovers = pgTable(
  "handovers",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    kind: handoverKind("kind").notNull(),
    fromTeamId: integer("from_team_id")
      .notNull()
      .references(() => teams.id),
    toTeamId: integer("to_team_id")
      .notNull()
      .references(() => teams.id),
    toPersonId: integer("to_person_id").references(() => people.id),
    reason: text("reason").notNull(),
    warm: warmHandover("warm").notNull(),
    warmOn: date("warm_on"),
    checks: jsonb("checks").notNull().default(sql`'{}'::jsonb`),
    status: handoverStatus("status").notNull().default("aangevraagd"),
    requestedById: integer("requested_by_id")
      .notNull()
      .references(() => people.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedById: integer("decided_by_id").references(() => people.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
  },
  (t) => [
    index("handovers_case_idx").on(t.caseId),
    // A case has at most one open handover.
    uniqueIndex("handovers_one_open_idx").on(t.caseId).where(sql`${t.status} = 'aangevraagd'`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    /** e.g. reminder:contact:2024-0012:2026-05-04:vandaag:person-17 — makes every job idempotent. */
    key: text("key").notNull().unique(),
    kind: text("kind").notNull(),
    /**
     * slack or teams. Required for a channel post; for a direct message null means "the recipient's
     * platform", chosen when it is sent.
     */
    platform: text("platform"),
    recipientId: integer("recipient_id").references(() => people.id),
    /** A channel id on that platform (digest); null for a direct message to the recipient. */
    channel: text("channel"),
    caseId: integer("case_id").references(() => cases.id),
    payload: jsonb("payload").notNull(),
    /**
     * Set on a reminder item delivered inside a day message (kind mijn_dag): the item is never sent
     * on its own, it only keeps its (deadline, stage) once through its unique key.
     */
    bundleId: integer("bundle_id").references((): AnyPgColumn => notifications.id),
    /** Where a sent message lives on its platform, so it can be updated in place. */
    platformRef: jsonb("platform_ref"),
    /** Raised by every change to a day message; a send of an older revision leaves the row pending. */
    revision: integer("revision").notNull().default(0),
    status: notificationStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /** Which dispatcher holds the claim: a dispatcher only sends or records rows it still holds. */
    claimedBy: text("claimed_by"),
    /** Set right before a platform call; still set afterwards means "may have arrived": check first. */
    sendStartedAt: timestamp("send_started_at", { withTimezone: true }),
    /** Failures are retried until then (set at the first failure), then the row is given up. */
    retryUntil: timestamp("retry_until", { withTimezone: true }),
    givenUpAt: timestamp("given_up_at", { withTimezone: true }),
    /** 0: answers a person's action (handover, confirmation); 1: bulk (reminders, digests). */
    priority: smallint("priority")
      .notNull()
      .generatedAlwaysAs(
        sql`CASE WHEN "notifications"."kind" IN ('reminder', 'digest', 'mijn_dag') THEN 1 ELSE 0 END`,
      ),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_pending_idx").on(t.status, t.nextAttemptAt),
    index("notifications_case_idx").on(t.caseId),
    index("notifications_claim_idx").on(t.status, t.priority, t.nextAttemptAt),
    index("notifications_bundle_idx").on(t.bundleId),
  ],
);

/**
 * Shared pace and pauses of the outbox, per scope ("slack", "slack:C0123"): across replicas a
 * conversation gets one message per interval, and a 429 pauses the scope for everyone.
 */
export const outboxPacing = pgTable("outbox_pacing", {
  scope: text("scope").primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true }),
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
});

/** "uitstellen" on a reminder: the owner's next reminders for that deadline wait until `until`. */
/** A person away (leave, illness) from one day to another, both included. */
export const absences = pgTable(
  "absences",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    fromDay: date("from_day").notNull(),
    toDay: date("to_day").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("absences_person_idx").on(t.personId, t.toDay)],
);

export const reminderSnoozes = pgTable(
  "reminder_snoozes",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    kind: deadlineKind("kind").notNull(),
    due: date("due").notNull(),
    /** The reminder stage that was snoozed: once per stage. */
    stage: text("stage").notNull(),
    until: date("until").notNull(),
    reason: text("reason").notNull(),
    byId: integer("by_id")
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("reminder_snoozes_stage_idx").on(t.caseId, t.kind, t.due, t.stage)],
);

export const jobRuns = pgTable(
  "job_runs",
  {
    id: serial("id").primaryKey(),
    job: text("job").notNull(),
    /** The period the run covered, e.g. an ISO week "2026-W18" or a day "2026-04-28". */
    period: text("period").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    summary: jsonb("summary"),
  },
  (t) => [uniqueIndex("job_runs_job_period_idx").on(t.job, t.period)],
);

/** Small facts about the installation, e.g. the policy the stored deadlines were computed with. */
export const appState = pgTable("app_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Append-only and hash-chained: a trigger refuses UPDATE and DELETE, with two narrow exceptions
 * (sealing a row that predates the chain, and the retention job replacing zaaknummers by keyed
 * hashes). NEN 7513 fields: who (actor or operator), on whose behalf, when, which case(s), what
 * kind of access, through which door (via) and the outcome.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => people.id),
    onBehalfOfId: integer("on_behalf_of_id").references(() => people.id),
    /** Who acted when it was not a person in Zicht: the OS user at the CLI, or "system" for a job. */
    operator: text("operator"),
    via: text("via").notNull(),
    action: text("action").notNull(),
    /** lezen, wijzigen or export. */
    access: text("access").notNull().default("wijzigen"),
    /** gelukt or geweigerd. */
    outcome: text("outcome").notNull().default("gelukt"),
    /** No foreign key: the audit row outlives the case it is about (retention deletes cases). */
    caseId: integer("case_id"),
    /** Every case the row concerns (a list read: all shown); keyed hashes after the retention period. */
    zaaknummers: text("zaaknummers").array().notNull().default(sql`'{}'::text[]`),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    /** SHA-256 over this row's content and the previous row's hash (src/cases/auditChain.ts). */
    hash: text("hash"),
  },
  (t) => [
    index("audit_case_idx").on(t.caseId, t.at),
    index("audit_zaaknummers_idx").using("gin", t.zaaknummers),
    index("audit_actor_at_idx").on(t.actorId, t.at),
  ],
);

/**
 * Platform requests already taken (a hash of the signed body, which carries the platform's own
 * trigger id): a replayed or retried request within the replay window is acknowledged, not run again.
 */
export const platformRequests = pgTable("platform_requests", {
  key: text("key").primaryKey(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The audit chain's head, kept apart from its rows by a trigger (migration 0012): the last row's id
 * and hash and how many rows were ever written, so a log cut off at its end or emptied is noticed.
 */
export const auditHead = pgTable(
  "audit_head",
  {
    id: integer("id").primaryKey().default(1),
    lastId: bigint("last_id", { mode: "number" }).notNull().default(0),
    lastHash: text("last_hash"),
    rowCount: bigint("row_count", { mode: "number" }).notNull().default(0),
  },
  () => [check("audit_head_one_row", sql`"id" = 1`)],
);

/** The installation's secret for keyed hashes of zaaknummers in the audit log (one row). */
export const auditSecret = pgTable("audit_secret", {
  id: integer("id").primaryKey().default(1),
  key: text("key").notNull(),
});

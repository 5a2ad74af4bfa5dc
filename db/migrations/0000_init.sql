CREATE TYPE "public"."arij_reason" AS ENUM('periodiek', 'nieuwe_zorgen', 'kernbesluit');--> statement-breakpoint
CREATE TYPE "public"."contact_kind" AS ENUM('kind_face_to_face', 'ouders', 'netwerk', 'telefonisch');--> statement-breakpoint
CREATE TYPE "public"."deadline_kind" AS ENUM('triage', 'eerste_contact', 'arij_mdo', 'epb', 'plan_van_aanpak', 'hulp', 'contact', 'arij', 'verlenging');--> statement-breakpoint
CREATE TYPE "public"."handover_kind" AS ENUM('regulier_crt', 'crt_regulier', 'ccp_regulier', 'werker_werker');--> statement-breakpoint
CREATE TYPE "public"."handover_status" AS ENUM('aangevraagd', 'geaccepteerd', 'afgewezen');--> statement-breakpoint
CREATE TYPE "public"."measure" AS ENUM('ots', 'vots', 'voogdij', 'vvoogdij', 'jr');--> statement-breakpoint
CREATE TYPE "public"."milestone_kind" AS ENUM('epb', 'plan_van_aanpak', 'hulp', 'verlenging');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."phase" AS ENUM('aangemeld', 'ccp', 'regulier', 'crt', 'afgesloten');--> statement-breakpoint
CREATE TYPE "public"."priority_class" AS ENUM('A', 'B', 'C', 'D');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('laag', 'middelmatig', 'hoog');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('jeugdbeschermer', 'assistent_jeugdbeschermer', 'praktijkbegeleider', 'gedragswetenschapper', 'ccp', 'teammanager', 'beheerder');--> statement-breakpoint
CREATE TYPE "public"."team_kind" AS ENUM('regulier', 'ccp', 'crt');--> statement-breakpoint
CREATE TYPE "public"."warm_handover" AS ENUM('gepland', 'gedaan', 'niet_nodig');--> statement-breakpoint
CREATE TABLE "arij_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"date" date NOT NULL,
	"risk" "risk_level" NOT NULL,
	"reason" "arij_reason" NOT NULL,
	"by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"on_behalf_of_id" integer,
	"via" text NOT NULL,
	"action" text NOT NULL,
	"case_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"zaaknummer" text NOT NULL,
	"measure" "measure" NOT NULL,
	"received_on" date NOT NULL,
	"ruling_on" date,
	"end_date" date,
	"phase" "phase" NOT NULL,
	"phase_since" date NOT NULL,
	"team_id" integer NOT NULL,
	"owner_id" integer,
	"birth_years" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"planned_kernbesluit" date,
	"contact_frequency_weeks" integer,
	"direct_unsafe" boolean DEFAULT false NOT NULL,
	"priority_class" "priority_class",
	"priority_score" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_zaaknummer_unique" UNIQUE("zaaknummer")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"date" date NOT NULL,
	"kind" "contact_kind" NOT NULL,
	"new_concerns" boolean DEFAULT false NOT NULL,
	"by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"case_id" integer NOT NULL,
	"kind" "deadline_kind" NOT NULL,
	"due" date NOT NULL,
	"basis" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" "handover_kind" NOT NULL,
	"from_team_id" integer NOT NULL,
	"to_team_id" integer NOT NULL,
	"to_person_id" integer,
	"reason" text NOT NULL,
	"warm" "warm_handover" NOT NULL,
	"warm_on" date,
	"checks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "handover_status" DEFAULT 'aangevraagd' NOT NULL,
	"requested_by_id" integer NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_id" integer,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"period" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"summary" jsonb
);
--> statement-breakpoint
CREATE TABLE "kernbeslissingen" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"date" date NOT NULL,
	"contact_frequency_weeks" integer NOT NULL,
	"gw_id" integer NOT NULL,
	"planned_next" date,
	"by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" "milestone_kind" NOT NULL,
	"done_on" date NOT NULL,
	"ref_date" date,
	"by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"recipient_id" integer,
	"channel" text,
	"case_id" integer,
	"payload" jsonb NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"team_id" integer NOT NULL,
	"fte" numeric(3, 2) NOT NULL,
	"slack_id" text,
	"teams_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_code_unique" UNIQUE("code"),
	CONSTRAINT "people_slack_id_unique" UNIQUE("slack_id"),
	CONSTRAINT "people_teams_id_unique" UNIQUE("teams_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "team_kind" NOT NULL,
	"slack_channel" text,
	"teams_channel" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "triages" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"direct_unsafe" boolean NOT NULL,
	"criteria" text[] NOT NULL,
	"routing" text NOT NULL,
	"priority_class" "priority_class" NOT NULL,
	"priority_score" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"override_class" "priority_class",
	"override_reason" text,
	"override_by_id" integer,
	"override_at" timestamp with time zone,
	"by_id" integer NOT NULL,
	"triaged_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "arij_assessments" ADD CONSTRAINT "arij_assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arij_assessments" ADD CONSTRAINT "arij_assessments_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_on_behalf_of_id_people_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_from_team_id_teams_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_to_team_id_teams_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_to_person_id_people_id_fk" FOREIGN KEY ("to_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_requested_by_id_people_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD CONSTRAINT "kernbeslissingen_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD CONSTRAINT "kernbeslissingen_gw_id_people_id_fk" FOREIGN KEY ("gw_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD CONSTRAINT "kernbeslissingen_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_people_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triages" ADD CONSTRAINT "triages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triages" ADD CONSTRAINT "triages_override_by_id_people_id_fk" FOREIGN KEY ("override_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triages" ADD CONSTRAINT "triages_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arij_case_date_idx" ON "arij_assessments" USING btree ("case_id","date");--> statement-breakpoint
CREATE INDEX "audit_case_idx" ON "audit_log" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "cases_team_phase_idx" ON "cases" USING btree ("team_id","phase");--> statement-breakpoint
CREATE INDEX "cases_owner_idx" ON "cases" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "cases_phase_priority_idx" ON "cases" USING btree ("phase","priority_class","priority_score");--> statement-breakpoint
CREATE INDEX "contacts_case_date_idx" ON "contacts" USING btree ("case_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_case_kind_idx" ON "deadlines" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "deadlines_due_idx" ON "deadlines" USING btree ("due");--> statement-breakpoint
CREATE INDEX "handovers_case_idx" ON "handovers" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_one_open_idx" ON "handovers" USING btree ("case_id") WHERE "handovers"."status" = 'aangevraagd';--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_period_idx" ON "job_runs" USING btree ("job","period");--> statement-breakpoint
CREATE INDEX "kernbeslissingen_case_date_idx" ON "kernbeslissingen" USING btree ("case_id","date");--> statement-breakpoint
CREATE INDEX "milestones_case_idx" ON "milestones" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "people_team_idx" ON "people" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "triages_case_idx" ON "triages" USING btree ("case_id");
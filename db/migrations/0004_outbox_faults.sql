ALTER TYPE "public"."notification_status" ADD VALUE 'unconfirmed';--> statement-breakpoint
ALTER TYPE "public"."notification_status" ADD VALUE 'dropped';--> statement-breakpoint
CREATE TABLE "outbox_pacing" (
	"scope" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "priority" smallint GENERATED ALWAYS AS (CASE WHEN "notifications"."kind" IN ('reminder', 'digest') THEN 1 ELSE 0 END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "send_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "retry_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "given_up_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_claim_idx" ON "notifications" USING btree ("status","priority","next_attempt_at");
--> statement-breakpoint
CREATE TABLE "platform_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);

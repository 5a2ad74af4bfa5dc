ALTER TABLE "people" ADD COLUMN "working_days" integer[] DEFAULT '{1,2,3,4,5}'::integer[] NOT NULL;--> statement-breakpoint
CREATE TABLE "absences" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absences_person_idx" ON "absences" USING btree ("person_id","to_day");--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "bundle_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_bundle_id_notifications_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_bundle_idx" ON "notifications" USING btree ("bundle_id");--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "platform_ref" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP INDEX "notifications_claim_idx";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "priority";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "priority" smallint GENERATED ALWAYS AS (CASE WHEN "notifications"."kind" IN ('reminder', 'digest', 'mijn_dag') THEN 1 ELSE 0 END) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_claim_idx" ON "notifications" USING btree ("status","priority","next_attempt_at");

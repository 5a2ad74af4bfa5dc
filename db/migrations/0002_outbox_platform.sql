ALTER TABLE "notifications" ADD COLUMN "platform" text NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_case_idx" ON "notifications" USING btree ("case_id");
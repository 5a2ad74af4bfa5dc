CREATE TABLE "teams_conversations" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"service_url" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams_conversations" ADD CONSTRAINT "teams_conversations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
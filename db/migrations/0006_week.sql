CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TYPE "public"."handover_status" ADD VALUE 'ingetrokken';--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "complex_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "complex_by_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "voided_by_id" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "arij_assessments" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "arij_assessments" ADD COLUMN "voided_by_id" integer;--> statement-breakpoint
ALTER TABLE "arij_assessments" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD COLUMN "voided_by_id" integer;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_complex_by_id_people_id_fk" FOREIGN KEY ("complex_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_voided_by_id_people_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arij_assessments" ADD CONSTRAINT "arij_assessments_voided_by_id_people_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernbeslissingen" ADD CONSTRAINT "kernbeslissingen_voided_by_id_people_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;

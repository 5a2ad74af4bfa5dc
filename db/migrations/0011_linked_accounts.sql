-- Identity moves to the edge (issue 10 item 4): a person's accounts on the chat platforms and a
-- team's channels become rows keyed by the platform's name, so a new platform needs no column.
-- Every id stored before is moved; nothing is dropped before it has been copied.
CREATE TYPE "link_method" AS ENUM('import', 'email', 'first_contact');
--> statement-breakpoint
CREATE TABLE "linked_accounts" (
	"person_id" integer NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"how" "link_method" NOT NULL,
	"conversation" jsonb,
	"conversation_at" timestamp with time zone,
	CONSTRAINT "linked_accounts_person_id_platform_pk" PRIMARY KEY("person_id","platform")
);
--> statement-breakpoint
ALTER TABLE "linked_accounts" ADD CONSTRAINT "linked_accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "linked_accounts_platform_external_idx" ON "linked_accounts" USING btree ("platform","external_id");
--> statement-breakpoint
CREATE TABLE "channel_bindings" (
	"team_id" integer NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	CONSTRAINT "channel_bindings_team_id_platform_pk" PRIMARY KEY("team_id","platform")
);
--> statement-breakpoint
ALTER TABLE "channel_bindings" ADD CONSTRAINT "channel_bindings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "email" text;
--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_idx" ON "people" USING btree (lower("email"));
--> statement-breakpoint
-- The ids came from the people CSV (or the demo seed): linked "at import". The stored 1:1 Teams
-- chat becomes the Teams account's conversation reference.
INSERT INTO "linked_accounts" ("person_id", "platform", "external_id", "linked_at", "how")
	SELECT "id", 'slack', "slack_id", "created_at", 'import' FROM "people" WHERE "slack_id" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "linked_accounts" ("person_id", "platform", "external_id", "linked_at", "how", "conversation", "conversation_at")
	SELECT p."id", 'teams', p."teams_id", p."created_at", 'import',
		CASE WHEN c."person_id" IS NULL THEN NULL
			ELSE jsonb_build_object('conversationId', c."conversation_id", 'serviceUrl', c."service_url") END,
		c."updated_at"
	FROM "people" p LEFT JOIN "teams_conversations" c ON c."person_id" = p."id"
	WHERE p."teams_id" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "channel_bindings" ("team_id", "platform", "channel_id")
	SELECT "id", 'slack', "slack_channel" FROM "teams" WHERE "slack_channel" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "channel_bindings" ("team_id", "platform", "channel_id")
	SELECT "id", 'teams', "teams_channel" FROM "teams" WHERE "teams_channel" IS NOT NULL;
--> statement-breakpoint
-- A stored chat of someone without a Teams id (their id was cleared by a later import) could not be
-- reached before either: the sender looked people up by Teams id. It belongs to no account now.
DROP TABLE "teams_conversations";
--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "slack_id";
--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "teams_id";
--> statement-breakpoint
ALTER TABLE "teams" DROP COLUMN "slack_channel";
--> statement-breakpoint
ALTER TABLE "teams" DROP COLUMN "teams_channel";

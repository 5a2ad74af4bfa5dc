-- The hash chain shows an edited, inserted or deleted row, but rows cut off at the end of the log
-- (or all of them, by TRUNCATE) leave a shorter chain that is still valid. The chain's head — the
-- last row's id and hash and the number of rows ever written — is kept apart from the rows, by a
-- trigger, so `zicht audit verify` can tell what is missing.
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"last_hash" text,
	"row_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "audit_head_one_row" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "audit_head" ("id", "last_id", "last_hash", "row_count")
  SELECT 1, coalesce(max(id), 0), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), count(*)
  FROM audit_log;
--> statement-breakpoint
-- SECURITY DEFINER: the app's database role may read the head but not write it (README, "Database
-- roles"); only this trigger moves it, with the rights of the role that ran the migrations.
CREATE FUNCTION audit_head_follow() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE audit_head SET last_id = NEW.id, last_hash = NEW.hash, row_count = row_count + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_follow AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_head_follow();
--> statement-breakpoint
-- The head moves only with the log: a direct UPDATE, DELETE or TRUNCATE of it is refused.
CREATE FUNCTION audit_head_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_head moves only with audit_log';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_refuse_change();
--> statement-breakpoint
-- Append-only per row did not cover TRUNCATE, which fires no row trigger.
CREATE FUNCTION audit_log_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: TRUNCATE is refused';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();

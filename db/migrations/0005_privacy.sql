CREATE TABLE "audit_secret" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "operator" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "access" text DEFAULT 'wijzigen' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "outcome" text DEFAULT 'gelukt' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "zaaknummers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "triages" ADD COLUMN "override_note" text;--> statement-breakpoint
CREATE INDEX "audit_zaaknummers_idx" ON "audit_log" USING gin ("zaaknummers");--> statement-breakpoint
CREATE INDEX "audit_actor_at_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
-- The keyed hash of zaaknummers in old audit rows (retention) needs a secret of this installation.
INSERT INTO "audit_secret" ("id", "key")
  VALUES (1, encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'));
--> statement-breakpoint
-- The privacy guard's note check (src/domain/privacy.ts) in SQL, for the one-time check of stored
-- free text below: which kinds of personal data a text seems to hold. Dropped again at the end.
CREATE FUNCTION zicht_privacy_kinds(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  found text[] := '{}';
  m text[];
  d text;
  s int;
BEGIN
  IF t IS NULL THEN RETURN found; END IF;
  FOR m IN SELECT regexp_matches(t, '\d(?:[ .]?\d)*', 'g') LOOP
    d := regexp_replace(m[1], '\D', '', 'g');
    IF length(d) BETWEEN 8 AND 9 THEN
      d := lpad(d, 9, '0');
      s := 0;
      FOR i IN 1..8 LOOP s := s + (10 - i) * substr(d, i, 1)::int; END LOOP;
      s := s - substr(d, 9, 1)::int;
      IF s % 11 = 0 THEN found := found || 'bsn'::text; EXIT; END IF;
    END IF;
  END LOOP;
  IF t ~ '[^\s@]+@[^\s@]+\.[A-Za-z]{2,}' THEN found := found || 'email'::text; END IF;
  IF t ~* '\m[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\M' THEN found := found || 'iban'::text; END IF;
  IF t ~ '(?:\+|\m00)\d(?:[ ()-]?\d){8,13}' OR t ~ '\m0\d(?:[ ()-]?\d){8}(?!\d)' THEN
    found := found || 'phone'::text;
  END IF;
  IF t ~ '\m[1-9]\d{3} ?[A-Z]{2}\M' OR t ~* '[a-z](?:straat|weg|laan|plein|gracht|kade|dijk|singel|hof|park|pad|steeg)\s+\d' THEN
    found := found || 'address'::text;
  END IF;
  IF t ~ '\m\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\M' OR t ~ '\m\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\M' OR t ~* '\mgeb(?:oren|\.|oortedatum)' THEN
    found := found || 'date'::text;
  END IF;
  RETURN found;
END;
$$;
--> statement-breakpoint
-- Stored free text (the old free-text override reason, also copied into the audit log) is checked,
-- the counts are reported in job_runs (never the text), and then it is replaced by "[verwijderd]":
-- from now on reasons come from lists and notes pass the guard. List keys stay as they are.
DO $$
DECLARE
  report jsonb;
BEGIN
  WITH texts AS (
    SELECT override_reason AS t FROM triages WHERE override_reason IS NOT NULL
    UNION ALL
    SELECT details->>'reden' FROM audit_log WHERE action = 'prioriteit_aangepast' AND details ? 'reden'
    UNION ALL
    SELECT reason FROM handovers WHERE reason !~ '^[a-z_]+$'
    UNION ALL
    SELECT decision_reason FROM handovers WHERE decision_reason !~ '^[a-z_]+$'
    UNION ALL
    SELECT reason FROM reminder_snoozes WHERE reason !~ '^[a-z_]+$'
  ),
  kinds AS (SELECT t, zicht_privacy_kinds(t) AS k FROM texts)
  SELECT jsonb_build_object(
    'checked', (SELECT count(*) FROM kinds),
    'withPersonalData', (SELECT count(*) FROM kinds WHERE cardinality(k) > 0),
    'byKind', coalesce((SELECT jsonb_object_agg(kind, n) FROM
      (SELECT unnest(k) AS kind, count(*) AS n FROM kinds GROUP BY 1) per), '{}'::jsonb),
    'replaced', (SELECT count(*) FROM kinds)
  ) INTO report;
  INSERT INTO job_runs (job, period, finished_at, summary)
    VALUES ('privacy_check_free_text', '0005', now(), report);
  RAISE NOTICE 'privacy check of stored free text: %', report;
END;
$$;
--> statement-breakpoint
UPDATE triages SET override_reason = '[verwijderd]' WHERE override_reason IS NOT NULL;
--> statement-breakpoint
UPDATE handovers SET reason = '[verwijderd]' WHERE reason !~ '^[a-z_]+$';
--> statement-breakpoint
UPDATE handovers SET decision_reason = '[verwijderd]' WHERE decision_reason !~ '^[a-z_]+$';
--> statement-breakpoint
UPDATE reminder_snoozes SET reason = '[verwijderd]' WHERE reason !~ '^[a-z_]+$';
--> statement-breakpoint
DROP FUNCTION zicht_privacy_kinds(text);
--> statement-breakpoint
-- Rows from before this migration: scrub the copied reason, record which case and what kind of
-- access they were, so "who saw this case" finds them too. The only rewrite the log ever gets,
-- done by the migration with the guard switched off for these statements.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
UPDATE audit_log SET details = jsonb_set(details, '{reden}', '"[verwijderd]"')
  WHERE action = 'prioriteit_aangepast' AND details ? 'reden';
--> statement-breakpoint
UPDATE audit_log SET zaaknummers = ARRAY[details->>'zaaknummer'] WHERE details ? 'zaaknummer';
--> statement-breakpoint
UPDATE audit_log SET access = 'lezen' WHERE action = 'zaak_ingezien';
--> statement-breakpoint
UPDATE audit_log SET operator = 'system' WHERE actor_id IS NULL;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
-- Append-only stays the rule. Two narrow exceptions, each changing nothing else in the row:
--  1. sealing: a row from before the hash chain gets its hash once (null -> value);
--  2. retention: with zicht.audit_pseudonymise set in its transaction, the retention job replaces
--     zaaknummers by keyed hashes ('#' + 64 hex) — the hash chain covers the keyed form, so the
--     chain still verifies. DELETE is always refused.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (NEW.id, NEW.at, NEW.actor_id, NEW.on_behalf_of_id, NEW.operator, NEW.via, NEW.action,
          NEW.access, NEW.outcome, NEW.case_id)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_id, OLD.on_behalf_of_id, OLD.operator, OLD.via, OLD.action,
          OLD.access, OLD.outcome, OLD.case_id) THEN
    IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND NEW.zaaknummers IS NOT DISTINCT FROM OLD.zaaknummers
       AND NEW.details IS NOT DISTINCT FROM OLD.details THEN
      RETURN NEW;
    END IF;
    IF current_setting('zicht.audit_pseudonymise', true) = 'on'
       AND NEW.hash IS NOT DISTINCT FROM OLD.hash AND OLD.hash IS NOT NULL
       AND cardinality(NEW.zaaknummers) = cardinality(OLD.zaaknummers)
       AND NOT EXISTS (SELECT 1 FROM unnest(NEW.zaaknummers) z WHERE z !~ '^#[0-9a-f]{64}$') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

-- `cijfers` as of a reference date P reads a case's state at P and the moves on and off the
-- werkvoorraad before it. Recomputing both with window functions over every case event made the
-- statement take seconds at 100,000 cases; here the database keeps, by trigger, what those windows
-- gave: "state at P" is one pass with a filter, no sort, and "moves in a period" a range scan of
-- case_events_on_idx; a case's facts are one row instead of aggregates. Everything kept is a pure
-- function of the recorded rows, rewritten in the transaction that changes them (backdated events
-- included), so a figure never depends on when it was asked.
--
-- Each event's validity: from its day until the next day with an event of the case (null: still
-- holding). Of several events of one case on one day only the day's last (by id) counts; the
-- others get until = "on", an empty range. prev_phase and prev_team_id are the state of the last
-- earlier day with an event (null for the first day): what membership of the werkvoorraad was
-- before this event, per team.
--
-- Every event's range is rewritten once, when the case's next event comes. These columns are in no
-- index and pages keep room, so that is a HOT update whose old version the page reclaims itself:
-- the embedded database has no autovacuum, and an index on "until" made every rewrite leave a dead
-- index entry that "state at P" then read (seconds at 100,000 cases). State at P is a scan.
ALTER TABLE "case_events" SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "until" date;
--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "prev_phase" "phase";
--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "prev_team_id" integer;
--> statement-breakpoint
-- Rewrites the ranges of the given cases' events from scratch (a case has a handful), writing only
-- rows that differ.
CREATE FUNCTION case_events_ranges(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Two transactions recording for one case at once: the second waits here for the first, and its
  -- next statement (a new snapshot under read committed) sees the first's rows. Changing a case
  -- takes this lock anyway; only direct inserts of facts or events need it.
  PERFORM 1 FROM cases WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE case_events e
     SET until = o.until, prev_phase = d.prev_phase, prev_team_id = d.prev_team_id
    FROM (SELECT id, case_id, "on", lead("on") OVER (PARTITION BY case_id ORDER BY "on", id) AS until
            FROM case_events WHERE case_id = ANY(ids)) o
    JOIN (SELECT case_id, "on",
                 lag(phase) OVER (PARTITION BY case_id ORDER BY "on") AS prev_phase,
                 lag(team_id) OVER (PARTITION BY case_id ORDER BY "on") AS prev_team_id
            FROM (SELECT DISTINCT ON (case_id, "on") case_id, "on", phase, team_id
                    FROM case_events WHERE case_id = ANY(ids)
                   ORDER BY case_id, "on", id DESC) day_last) d
      ON d.case_id = o.case_id AND d."on" = o."on"
   WHERE e.id = o.id
     AND (e.until, e.prev_phase, e.prev_team_id) IS DISTINCT FROM (o.until, d.prev_phase, d.prev_team_id);
END;
$$;
--> statement-breakpoint
-- Statement-level, so a bulk insert rewrites each case once. `changed` is the inserted or deleted
-- rows. Events the history trigger on cases writes (one INSERT per case, nested: depth 2) are left
-- to cases_follow_history below, once per statement on cases: per event it made importing 100,000
-- cases three times slower.
CREATE FUNCTION case_events_ranges_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  PERFORM case_events_ranges(ARRAY(SELECT DISTINCT case_id FROM changed));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An update (none of Zicht's own code moves an event) rewrites the old and the new case. Row-level
-- with a column list, so the ranges' own rewrite does not fire it.
CREATE FUNCTION case_events_ranges_follow_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_events_ranges(ARRAY[OLD.case_id, NEW.case_id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_ranges_insert AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_events_ranges_follow();
--> statement-breakpoint
CREATE TRIGGER case_events_ranges_delete AFTER DELETE ON case_events
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_events_ranges_follow();
--> statement-breakpoint
CREATE TRIGGER case_events_ranges_update AFTER UPDATE OF "case_id", "on", "phase", "team_id" ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_ranges_follow_row();
--> statement-breakpoint
SELECT case_events_ranges(ARRAY(SELECT DISTINCT case_id FROM case_events));
--> statement-breakpoint
-- Per case, the first and last dates of the facts the figures ask about (voided records never
-- count). The earliest fact on or before P is the first one if that is on or before P, and the
-- latest is the last one if that is; otherwise (a fact dated after P) the query looks it up. Kept
-- by triggers on every source table: the changed cases' facts of that table, recomputed from its
-- rows (voiding and deleting included). Half of each
-- page stays free so a rewrite is a HOT update the page reclaims without a vacuum.
CREATE TABLE "case_facts" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"first_triage" date,
	"left_aangemeld" date,
	"first_face_to_face" date,
	"last_face_to_face" date,
	"first_arij" date,
	"last_arij" date,
	"last_kern_on" date,
	"last_kern_frequency_weeks" integer,
	"first_plan" date,
	"first_hulp" date
) WITH (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Face-to-face contacts and ARIJs that count: what the facts and the figures' look-ups read.
CREATE INDEX "contacts_face_to_face_idx" ON "contacts" USING btree ("case_id", "date")
  WHERE "kind" = 'kind_face_to_face' AND "voided_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "arij_valid_idx" ON "arij_assessments" USING btree ("case_id", "date") WHERE "voided_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "kernbeslissingen_valid_idx" ON "kernbeslissingen" USING btree ("case_id", "date", "id")
  WHERE "voided_at" IS NULL;
--> statement-breakpoint
CREATE FUNCTION case_facts_refresh(ids integer[], source text DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- As in case_events_ranges: concurrent recordings for one case are rewritten one after the other.
  PERFORM 1 FROM cases WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  -- Only the facts of the table that changed (source; all when null): a case without a row has
  -- none of the facts, since every change of a source table writes its row.
  IF source IS NULL OR source = 'triages' THEN
    INSERT INTO case_facts AS f (case_id, first_triage)
    SELECT c.id,
         (SELECT min(triaged_on) FROM triages WHERE case_id = c.id)
      FROM cases c WHERE c.id = ANY(ids)
    ON CONFLICT (case_id) DO UPDATE SET first_triage = excluded.first_triage
     WHERE f.first_triage IS DISTINCT FROM excluded.first_triage;
  END IF;
  IF source IS NULL OR source = 'case_events' THEN
    INSERT INTO case_facts AS f (case_id, left_aangemeld)
    SELECT c.id,
         (SELECT min("on") FROM case_events WHERE case_id = c.id AND phase <> 'aangemeld')
      FROM cases c WHERE c.id = ANY(ids)
    ON CONFLICT (case_id) DO UPDATE SET left_aangemeld = excluded.left_aangemeld
     WHERE f.left_aangemeld IS DISTINCT FROM excluded.left_aangemeld;
  END IF;
  IF source IS NULL OR source = 'contacts' THEN
    INSERT INTO case_facts AS f (case_id, first_face_to_face, last_face_to_face)
    SELECT c.id,
         (SELECT min(date) FROM contacts
           WHERE case_id = c.id AND kind = 'kind_face_to_face' AND voided_at IS NULL),
         (SELECT max(date) FROM contacts
           WHERE case_id = c.id AND kind = 'kind_face_to_face' AND voided_at IS NULL)
      FROM cases c WHERE c.id = ANY(ids)
    ON CONFLICT (case_id) DO UPDATE SET first_face_to_face = excluded.first_face_to_face, last_face_to_face = excluded.last_face_to_face
     WHERE (f.first_face_to_face, f.last_face_to_face, null) IS DISTINCT FROM (excluded.first_face_to_face, excluded.last_face_to_face, null);
  END IF;
  IF source IS NULL OR source = 'arij_assessments' THEN
    INSERT INTO case_facts AS f (case_id, first_arij, last_arij)
    SELECT c.id,
         (SELECT min(date) FROM arij_assessments WHERE case_id = c.id AND voided_at IS NULL),
         (SELECT max(date) FROM arij_assessments WHERE case_id = c.id AND voided_at IS NULL)
      FROM cases c WHERE c.id = ANY(ids)
    ON CONFLICT (case_id) DO UPDATE SET first_arij = excluded.first_arij, last_arij = excluded.last_arij
     WHERE (f.first_arij, f.last_arij, null) IS DISTINCT FROM (excluded.first_arij, excluded.last_arij, null);
  END IF;
  IF source IS NULL OR source = 'kernbeslissingen' THEN
    INSERT INTO case_facts AS f (case_id, last_kern_on, last_kern_frequency_weeks)
    SELECT c.id,
         (SELECT date FROM kernbeslissingen WHERE case_id = c.id AND voided_at IS NULL
           ORDER BY date DESC, id DESC LIMIT 1),
         (SELECT contact_frequency_weeks FROM kernbeslissingen
           WHERE case_id = c.id AND voided_at IS NULL ORDER BY date DESC, id DESC LIMIT 1)
      FROM cases c WHERE c.id = ANY(ids)
    ON CONFLICT (case_id) DO UPDATE SET last_kern_on = excluded.last_kern_on, last_kern_frequency_weeks = excluded.last_kern_frequency_weeks
     WHERE (f.last_kern_on, f.last_kern_frequency_weeks, null) IS DISTINCT FROM (excluded.last_kern_on, excluded.last_kern_frequency_weeks, null);
  END IF;
  IF source IS NULL OR source = 'milestones' THEN
    INSERT INTO case_facts AS f (case_id, first_plan, first_hulp)
    SELECT c.id,
         (SELECT min(done_on) FROM milestones WHERE case_id = c.id AND kind = 'plan_van_aanpak'),
         (SELECT min(done_on) FROM milestones WHERE case_id = c.id AND kind = 'hulp')
      FROM cases c WHERE c.id = ANY(ids)
    ON CONFLICT (case_id) DO UPDATE SET first_plan = excluded.first_plan, first_hulp = excluded.first_hulp
     WHERE (f.first_plan, f.first_hulp, null) IS DISTINCT FROM (excluded.first_plan, excluded.first_hulp, null);
  END IF;
END;
$$;
--> statement-breakpoint
-- One trigger function for every source table: each has a case_id column. Cases that no longer
-- exist are skipped (their facts went with them, by the foreign key).
CREATE FUNCTION case_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Events written by the history trigger on cases: see case_events_ranges_follow.
  IF TG_TABLE_NAME = 'case_events' AND pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  PERFORM case_facts_refresh(ARRAY(SELECT DISTINCT case_id FROM changed), TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION case_facts_follow_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_facts_refresh(ARRAY(SELECT case_id FROM old_rows UNION SELECT case_id FROM new_rows), TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION case_facts_follow_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_facts_refresh(ARRAY[OLD.case_id, NEW.case_id], TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_facts_insert AFTER INSERT ON triages
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_delete AFTER DELETE ON triages
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_update AFTER UPDATE ON triages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow_update();
--> statement-breakpoint
CREATE TRIGGER case_facts_insert AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_delete AFTER DELETE ON case_events
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
-- Row-level with a column list on case_events: the ranges' rewrite updates it and changes no fact.
CREATE TRIGGER case_facts_update AFTER UPDATE OF "case_id", "on", "phase" ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_facts_follow_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_update AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow_update();
--> statement-breakpoint
CREATE TRIGGER case_facts_insert AFTER INSERT ON arij_assessments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_delete AFTER DELETE ON arij_assessments
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_update AFTER UPDATE ON arij_assessments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow_update();
--> statement-breakpoint
CREATE TRIGGER case_facts_insert AFTER INSERT ON kernbeslissingen
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_delete AFTER DELETE ON kernbeslissingen
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_update AFTER UPDATE ON kernbeslissingen
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow_update();
--> statement-breakpoint
CREATE TRIGGER case_facts_insert AFTER INSERT ON milestones
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_delete AFTER DELETE ON milestones
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow();
--> statement-breakpoint
CREATE TRIGGER case_facts_update AFTER UPDATE ON milestones
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_follow_update();
--> statement-breakpoint
-- The cases whose history trigger (migration 0009) wrote events in this statement: the same test
-- it makes. Runs after all its row triggers, so every event of the statement is there.
CREATE FUNCTION cases_follow_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT id FROM new_rows);
  ELSE
    ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE n.phase IS DISTINCT FROM o.phase OR n.team_id IS DISTINCT FROM o.team_id
                    OR n.owner_id IS DISTINCT FROM o.owner_id);
  END IF;
  IF cardinality(ids) > 0 THEN
    PERFORM case_events_ranges(ids);
    PERFORM case_facts_refresh(ids, 'case_events');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_follow_history_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_follow_history();
--> statement-breakpoint
CREATE TRIGGER cases_follow_history_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_follow_history();
--> statement-breakpoint
SELECT case_facts_refresh(ARRAY(SELECT id FROM cases));

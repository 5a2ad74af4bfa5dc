-- History, not state (design.md): every change of a case's phase, team or owner is a dated event,
-- so a figure "as of date D" is computed from what was recorded up to D. A trigger writes them, so
-- no way of changing a case (chat, CSV import, CLI, a future command) can forget to.
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"on" date NOT NULL,
	"phase" "phase" NOT NULL,
	"team_id" integer NOT NULL,
	"owner_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "case_events_case_on_idx" ON "case_events" USING btree ("case_id","on");
--> statement-breakpoint
CREATE INDEX "case_events_on_idx" ON "case_events" USING btree ("on");
--> statement-breakpoint
-- The use cases set phase_since to their own "today" (an injectable clock) whenever the phase or
-- team changes; that is the event's date. A change of owner alone takes the server's date.
CREATE FUNCTION case_events_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.phase <> 'aangemeld' AND NEW.phase_since > NEW.received_on THEN
      INSERT INTO case_events (case_id, "on", phase, team_id, owner_id)
        VALUES (NEW.id, NEW.received_on, 'aangemeld', NEW.team_id, NULL);
    END IF;
    INSERT INTO case_events (case_id, "on", phase, team_id, owner_id)
      VALUES (NEW.id, NEW.phase_since, NEW.phase, NEW.team_id, NEW.owner_id);
  ELSIF NEW.phase IS DISTINCT FROM OLD.phase OR NEW.team_id IS DISTINCT FROM OLD.team_id
     OR NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN
    INSERT INTO case_events (case_id, "on", phase, team_id, owner_id)
      VALUES (NEW.id,
              CASE WHEN NEW.phase_since IS DISTINCT FROM OLD.phase_since THEN NEW.phase_since
                   ELSE (now() AT TIME ZONE 'Europe/Amsterdam')::date END,
              NEW.phase, NEW.team_id, NEW.owner_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_record_history AFTER INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION case_events_record();
--> statement-breakpoint
-- Cases stored before this migration: receipt (as aangemeld), the triage if later, and the
-- current state from phase_since. Earlier moves were not recorded and cannot be recovered.
INSERT INTO case_events (case_id, "on", phase, team_id, owner_id)
  SELECT c.id, c.received_on, 'aangemeld', c.team_id, NULL FROM cases c
  WHERE c.phase <> 'aangemeld' AND c.phase_since > c.received_on;
--> statement-breakpoint
INSERT INTO case_events (case_id, "on", phase, team_id, owner_id)
  SELECT c.id, t.first_triage, 'ccp', c.team_id, NULL
  FROM cases c JOIN (SELECT case_id, min(triaged_on) AS first_triage FROM triages GROUP BY case_id) t
    ON t.case_id = c.id
  WHERE c.phase NOT IN ('aangemeld', 'ccp') AND t.first_triage > c.received_on AND t.first_triage < c.phase_since;
--> statement-breakpoint
INSERT INTO case_events (case_id, "on", phase, team_id, owner_id)
  SELECT c.id, c.phase_since, c.phase, c.team_id, c.owner_id FROM cases c;

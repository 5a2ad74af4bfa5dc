-- Appending to the audit log took two statements: the chain's advisory lock, then its key and
-- last row. They cannot be one plain statement: on a server, a statement reads from a snapshot
-- taken when it starts, before it waited for the lock, and would miss the row the previous
-- holder committed. A VOLATILE function takes a fresh snapshot for each query it runs, so the
-- read after the lock sees that row; the caller passes the lock's number (src/cases/audit.ts).
CREATE FUNCTION audit_chain_end(chain_lock bigint, OUT key text, OUT last_id bigint, OUT last_hash text)
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(chain_lock);
  SELECT s.key INTO key FROM audit_secret s WHERE s.id = 1;
  SELECT l.id, l.hash INTO last_id, last_hash FROM audit_log l ORDER BY l.id DESC LIMIT 1;
END;
$$;

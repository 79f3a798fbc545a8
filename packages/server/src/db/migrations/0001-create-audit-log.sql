-- The audit log: append-only, and tamper-evident once sealed.
-- Writers insert rows in the same transaction as the change they record, leaving the seal empty.
-- A sealing job (audit.sealer.ts) later numbers committed rows with seal_seq, in one chain, and
-- sets hash = sha256(prev_hash || canonical row). Sealing after commit means no writer ever waits
-- on the chain's head row.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  actor_id      uuid,
  actor_kind    text NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'guest', 'system')),
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text,
  request_id    text,
  data          jsonb NOT NULL DEFAULT '{}'::jsonb,
  seal_seq      bigint UNIQUE,
  prev_hash     text,
  hash          text
);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seal_seq IS NULL;
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);

-- Append-only: no delete, and an update may only fill in the seal of an unsealed row.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF OLD.seal_seq IS NOT NULL
     OR NEW.id IS DISTINCT FROM OLD.id
     OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
     OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
     OR NEW.actor_kind IS DISTINCT FROM OLD.actor_kind
     OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.subject_type IS DISTINCT FROM OLD.subject_type
     OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
     OR NEW.request_id IS DISTINCT FROM OLD.request_id
     OR NEW.data IS DISTINCT FROM OLD.data THEN
    RAISE EXCEPTION 'audit_log rows are immutable once written; only the seal may be added';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

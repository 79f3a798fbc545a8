-- Signed answers (DESIGN.md §6): each answer a case receives, from the moment it is sent
-- ('signing': a queue job renders and signs the letter) to its signed letter (in the storage
-- behind attachments), its canonical JSON record with a detached CMS signature, and its entry
-- in the transparency log (the log's own tables, keyed by this id).
CREATE TABLE signed_answers (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id             uuid NOT NULL REFERENCES cases (id),
  -- The approved draft that went out; one answer per draft.
  draft_id            uuid NOT NULL UNIQUE REFERENCES case_drafts (id),
  -- The unit that answered (its certificate signs), and the person who sent it (named on the letter).
  unit_id             uuid NOT NULL REFERENCES units (id),
  sent_by             uuid REFERENCES users (id) ON DELETE SET NULL,
  sent_by_role        text NOT NULL CHECK (sent_by_role IN ('assignee', 'supervisor')),
  outcome             text NOT NULL,
  language            text NOT NULL CHECK (language IN ('ar', 'fr', 'en')),
  issued_at           timestamptz NOT NULL,
  status              text NOT NULL DEFAULT 'signing' CHECK (status IN ('signing', 'signed')),
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  letter_storage_key  text,
  letter_size         integer,
  -- Hashes as lowercase hex SHA-256; the record is the RFC 8785 canonical JSON that the .p7s signs.
  letter_sha256       text CHECK (letter_sha256 ~ '^[0-9a-f]{64}$'),
  record              text,
  record_signature    bytea,
  record_sha256       text CHECK (record_sha256 ~ '^[0-9a-f]{64}$'),
  certificate_sha256  text CHECK (certificate_sha256 ~ '^[0-9a-f]{64}$'),
  is_test_signature   boolean,
  signed_at           timestamptz,
  CHECK (status = 'signing' OR (letter_storage_key IS NOT NULL AND letter_sha256 IS NOT NULL AND record IS NOT NULL
    AND record_signature IS NOT NULL AND certificate_sha256 IS NOT NULL AND signed_at IS NOT NULL))
);
CREATE INDEX signed_answers_case ON signed_answers (case_id, issued_at);
-- The public verifier finds an uploaded letter by its hash.
CREATE UNIQUE INDEX signed_answers_letter ON signed_answers (letter_sha256);
CREATE INDEX signed_answers_signing ON signed_answers (issued_at) WHERE status = 'signing';

-- A signed answer is final: once signed, nothing about it may change.
CREATE FUNCTION signed_answers_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status = 'signed' THEN
    RAISE EXCEPTION 'signed answers are final';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER signed_answers_final BEFORE UPDATE OR DELETE ON signed_answers
  FOR EACH ROW EXECUTE FUNCTION signed_answers_are_final();

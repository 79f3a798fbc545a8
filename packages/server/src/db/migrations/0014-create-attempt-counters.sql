-- Counted attempts at a secret (docs/access-control.md): sign-in by e-mail and address and by
-- e-mail alone, the second factor and password confirmations per account, one-time codes per
-- e-mail across codes. Every node reads and writes the same rows, so a limit holds however
-- many nodes serve the requests. Keys are HMACs under the application secret: the table holds
-- no address, e-mail or client IP. Rows are forgotten (and swept) once `forget_at` passes.
CREATE TABLE attempt_counters (
  door          text NOT NULL,
  key_hash      text NOT NULL,
  -- The account the key belongs to (an HMAC of its e-mail): a password reset clears its counters.
  subject_hash  text NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  blocked_until timestamptz,
  forget_at     timestamptz NOT NULL,
  PRIMARY KEY (door, key_hash)
);
CREATE INDEX attempt_counters_subject ON attempt_counters (subject_hash);
CREATE INDEX attempt_counters_forget ON attempt_counters (forget_at);

-- The per-account failure count and lock they replace: anyone could lock any account with it.
ALTER TABLE users DROP COLUMN failed_sign_ins, DROP COLUMN locked_until;

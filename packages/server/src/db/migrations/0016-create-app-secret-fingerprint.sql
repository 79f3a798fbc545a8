-- A keyed fingerprint of APP_SECRET (HMAC-SHA256 under the secret of a fixed label, never the
-- secret itself): access codes, TOTP secrets and attempt counters are sealed under the secret,
-- so data started under another secret looks intact yet every access code fails. The server
-- writes the fingerprint at its first start and refuses to start when it does not match
-- (docs/backup-and-restore.md). One row at most.
CREATE TABLE app_secret_fingerprint (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  fingerprint text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

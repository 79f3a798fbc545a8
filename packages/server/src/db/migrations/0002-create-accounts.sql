-- Accounts of citizens and staff. E-mail is stored lower-cased; uniqueness only among
-- accounts not deleted, so a deleted account's address can register again.
CREATE TABLE users (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                  text NOT NULL CHECK (kind IN ('citizen', 'staff')),
  email                 text NOT NULL,
  email_verified_at     timestamptz,
  phone                 text,
  password_hash         text,
  full_name             text NOT NULL,
  governorate           text,
  language              text NOT NULL DEFAULT 'ar' CHECK (language IN ('ar', 'fr', 'en')),
  -- TOTP secret, encrypted with the application key (AES-256-GCM), never stored in clear.
  totp_secret_encrypted text,
  totp_enrolled_at      timestamptz,
  -- The last TOTP time step accepted, so a code cannot be replayed within its window.
  totp_last_time_step   bigint,
  is_active             boolean NOT NULL DEFAULT true,
  failed_sign_ins       integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz
);
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;

-- Server-side sessions; the cookie carries a random token, the table keeps only its SHA-256.
CREATE TABLE sessions (
  id                 text PRIMARY KEY,
  user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token         text NOT NULL,
  second_factor_done boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- One-time 6-digit codes (e-mail verification, password reset), stored hashed.
CREATE TABLE one_time_codes (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose      text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  code_hash    text NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_codes_user ON one_time_codes (user_id, purpose);

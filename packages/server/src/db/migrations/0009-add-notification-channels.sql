-- Citizens choose how they hear about their cases (issue 3, Notifications). E-mail is on by
-- default (every account has an address); SMS is opt-in and needs a phone number. The profile
-- use case keeps at least one channel on.
ALTER TABLE users
  ADD COLUMN notify_email boolean NOT NULL DEFAULT true,
  ADD COLUMN notify_sms   boolean NOT NULL DEFAULT false;

-- What the SMS gateway answered for a sent message (its own id), for support and reconciliation.
ALTER TABLE case_notifications ADD COLUMN provider_message_id text;

-- The development stand-in for the SMS gateway: with no SMS_GATEWAY_URL configured, messages are
-- kept here and shown by GET /api/v1/dev/sms (never in production).
CREATE TABLE outbound_sms (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient   text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_sms_recent ON outbound_sms (created_at DESC);

-- Every e-mail ePeople sends is written here first, in the transaction of the change that
-- causes it (an outbox), then delivered by a job after commit. With no SMTP server configured
-- (development), messages stay here with status 'kept' and the development mailbox shows them.
CREATE TABLE outbound_emails (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_address   text NOT NULL,
  language     text NOT NULL CHECK (language IN ('ar', 'fr', 'en')),
  template     text NOT NULL,
  subject      text NOT NULL,
  text_body    text NOT NULL,
  html_body    text NOT NULL,
  -- 'sending' is a claim: one worker holds the row while it talks to the SMTP server, so a
  -- duplicate job finds nothing to send. A claim older than its lease is taken back (crash).
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'kept', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  claimed_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz
);
CREATE INDEX outbound_emails_pending ON outbound_emails (created_at) WHERE status = 'pending';

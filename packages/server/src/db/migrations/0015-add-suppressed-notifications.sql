-- A notification ePeople chose not to send (docs/notifications.md): an acknowledgement to an
-- unverified guest contact beyond UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY or
-- UNVERIFIED_ACKS_PER_SENDER_PER_HOUR, or an SMS to a number outside SMS_ALLOWED_COUNTRY_CODES.
-- The filing it belongs to stands; the row stays, so support can see what was held back and why
-- (last_error names the rule, never the content). The sweep never takes it up again.
ALTER TABLE case_notifications DROP CONSTRAINT case_notifications_status_check;
ALTER TABLE case_notifications ADD CONSTRAINT case_notifications_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'kept', 'failed', 'suppressed'));

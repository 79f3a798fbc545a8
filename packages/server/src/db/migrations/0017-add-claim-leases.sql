-- Outbox claims become short leases (docs/delivery-guarantees.md). A worker that takes a row for
-- delivery sets `claimed_until` a lease ahead (DELIVERY_LEASE_SECONDS) and pushes it on while it
-- works; a row whose lease has run out belongs to a node that died, and any node's sweep takes
-- it back within seconds, where a fixed 10-minute lease on `claimed_at` held it for minutes.
ALTER TABLE outbound_emails ADD COLUMN claimed_until timestamptz;
ALTER TABLE case_notifications ADD COLUMN claimed_until timestamptz;

-- Claims taken before this migration keep the lease they were taken under.
UPDATE outbound_emails SET claimed_until = claimed_at + interval '10 minutes' WHERE status = 'sending';
UPDATE case_notifications SET claimed_until = claimed_at + interval '10 minutes' WHERE status = 'sending';

-- Every node's sweep looks for expired claims every few seconds: kept cheap by these.
CREATE INDEX outbound_emails_claims ON outbound_emails (claimed_until) WHERE status = 'sending';
CREATE INDEX case_notifications_claims ON case_notifications (claimed_until) WHERE status = 'sending';

-- Cases: the four request types of DESIGN.md §3 from filing to closing (DESIGN.md §4).

-- One sequence per type for reference numbers (PET-2026-004213-K). A sequence never takes a row
-- lock, so filings never queue behind one hot counter row; gaps (rolled-back filings) are fine.
CREATE SEQUENCE case_reference_petition_seq;
CREATE SEQUENCE case_reference_guidance_seq;
CREATE SEQUENCE case_reference_suggestion_seq;
CREATE SEQUENCE case_reference_notice_seq;

CREATE TABLE cases (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference                 text NOT NULL UNIQUE,
  type                      text NOT NULL CHECK (type IN ('petition', 'guidance', 'suggestion', 'notice')),
  -- Changed only through cases.state-machine.ts.
  state                     text NOT NULL CHECK (state IN ('submitted', 'registered', 'assigned', 'in_progress',
                              'awaiting_citizen', 'answer_drafted', 'answer_approved', 'answered', 'reopened',
                              'closed', 'rejected', 'withdrawn')),
  title                     text NOT NULL,
  description               text NOT NULL,
  category_id               uuid REFERENCES categories (id),
  governorate               text,
  -- Notices only: { lat, lng, label }.
  location                  jsonb,
  language                  text NOT NULL CHECK (language IN ('ar', 'fr', 'en')),
  publish_consent           boolean NOT NULL DEFAULT false,

  -- Who filed: a citizen's account, or a guest's contact, or nobody (anonymous notice).
  citizen_id                uuid REFERENCES users (id) ON DELETE SET NULL,
  guest_name                text,
  guest_email               text,
  guest_phone               text,
  is_anonymous              boolean NOT NULL DEFAULT false,
  -- Guests and anonymous reporters track with reference + access code; only a hash is kept.
  access_code_hash          text,
  -- The access code sealed (AES-256-GCM) only so that an idempotent replay of the filing within
  -- a day can show it again; cleared on the first replay after that day.
  access_code_sealed        text,
  -- A notice's reporter identity, sealed (AES-256-GCM, key derived from APP_SECRET); readable by
  -- handlers only once identity_consent_at is set by the reporter.
  sealed_identity           text,
  identity_consent_at       timestamptz,

  -- Handling.
  unit_id                   uuid NOT NULL REFERENCES units (id),
  is_triage                 boolean NOT NULL DEFAULT false,
  assignee_id               uuid REFERENCES users (id),
  lock_holder_id            uuid REFERENCES users (id),
  lock_expires_at           timestamptz,
  duplicate_of_case_id      uuid REFERENCES cases (id),

  -- Deadlines: the case's clock (modules/calendar DeadlineClock, one column per field), computed on
  -- the working calendar. It starts on filing and restarts on a transfer; while the case waits for
  -- the citizen it is paused (paused_at, remaining_ms) and due_at moves on the reply. allotted_ms
  -- and remaining_ms are office time for the working measures, wall-clock time for calendar days.
  deadline_measure          text CHECK (deadline_measure IN ('working_hours', 'working_days', 'calendar_days')),
  clock_started_at          timestamptz NOT NULL,
  due_at                    timestamptz,
  allotted_ms               bigint,
  paused_at                 timestamptz,
  remaining_ms              bigint,
  -- Notices are also acknowledged within a shorter deadline.
  acknowledge_due_at        timestamptz,
  extensions_count          integer NOT NULL DEFAULT 0,
  extension_consented_at    timestamptz,
  warned_at                 timestamptz,
  escalated_at              timestamptz,
  progress_notified_at      timestamptz,

  -- Outcome.
  outcome                   text CHECK (outcome IN ('upheld', 'partly_upheld', 'not_upheld', 'answered', 'adopted',
                              'partly_adopted', 'under_study', 'not_adopted', 'substantiated', 'referred',
                              'unsubstantiated')),
  answer_text               text,
  answered_at               timestamptz,
  closed_at                 timestamptz,
  rejection_reason          text,
  follow_up_used            boolean NOT NULL DEFAULT false,
  rating                    smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment            text,
  rated_at                  timestamptz,

  -- Idempotent filing: one case per (submitter, Idempotency-Key); the fingerprint of the request
  -- body tells a replay from a different request reusing a key.
  submitter_key             text NOT NULL,
  idempotency_key           text,
  request_fingerprint       text,

  -- Full text search (similar public cases), on search_normalize()d text like faq_entries: stemmed
  -- in the case's language (A title, B description), plus 'simple' (C, D) so an exact word matches
  -- whatever the language. Query with the case language's configuration or 'simple'.
  search_vector             tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(CASE language WHEN 'ar' THEN 'arabic'::regconfig WHEN 'fr' THEN 'french'::regconfig
                          ELSE 'english'::regconfig END, search_normalize(title)), 'A') ||
    setweight(to_tsvector(CASE language WHEN 'ar' THEN 'arabic'::regconfig WHEN 'fr' THEN 'french'::regconfig
                          ELSE 'english'::regconfig END, search_normalize(description)), 'B') ||
    setweight(to_tsvector('simple'::regconfig, search_normalize(title)), 'C') ||
    setweight(to_tsvector('simple'::regconfig, search_normalize(description)), 'D')
  ) STORED,

  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),

  CHECK (citizen_id IS NULL OR NOT is_anonymous),
  CHECK (NOT is_anonymous OR type = 'notice'),
  CHECK (NOT is_anonymous OR (guest_name IS NULL AND guest_email IS NULL AND guest_phone IS NULL))
);
-- The unit inbox: filter by unit and state, sort by deadline.
CREATE INDEX cases_inbox ON cases (unit_id, state, due_at);
CREATE INDEX cases_assignee ON cases (assignee_id, state) WHERE assignee_id IS NOT NULL;
CREATE INDEX cases_citizen ON cases (citizen_id, created_at DESC) WHERE citizen_id IS NOT NULL;
-- Deadline jobs scan open cases by due date.
CREATE INDEX cases_due ON cases (due_at) WHERE due_at IS NOT NULL AND state NOT IN ('answered', 'closed', 'rejected', 'withdrawn');
CREATE UNIQUE INDEX cases_idempotency ON cases (submitter_key, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_search ON cases USING gin (search_vector);

-- Attachments (migration 0006) are linked to their case once filed.
ALTER TABLE attachments ADD CONSTRAINT attachments_case_fk FOREIGN KEY (case_id) REFERENCES cases (id);

-- The timeline: append-only. `public` events are the citizen's timeline; `internal` ones (notes,
-- drafts, locks) are for staff only.
CREATE TABLE case_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The timeline's order: events of one transaction share a timestamp, not a sequence number.
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  case_id     uuid NOT NULL REFERENCES cases (id),
  type        text NOT NULL CHECK (type ~ '^[A-Z][A-Z0-9_]*$'),
  visibility  text NOT NULL CHECK (visibility IN ('public', 'internal')),
  actor_kind  text NOT NULL CHECK (actor_kind IN ('citizen', 'guest', 'staff', 'system')),
  actor_id    uuid,
  data        jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX case_events_case ON case_events (case_id, seq);

-- Answer drafts: written by an officer, submitted, returned or approved by a supervisor.
CREATE TABLE case_drafts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES cases (id),
  outcome         text NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  author_id       uuid NOT NULL REFERENCES users (id),
  reviewer_id     uuid REFERENCES users (id),
  review_comment  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  reviewed_at     timestamptz
);
CREATE INDEX case_drafts_case ON case_drafts (case_id, created_at);

-- Joint cases: the lead unit (cases.unit_id) answers; contributing units add their part.
CREATE TABLE case_contributors (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases (id),
  unit_id       uuid NOT NULL REFERENCES units (id),
  status        text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'contributed', 'withdrawn')),
  contribution  text,
  added_by      uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, unit_id)
);
CREATE INDEX case_contributors_unit ON case_contributors (unit_id);

-- The outbox of case notifications, written in the transaction of the change that causes them
-- and delivered by a job after commit: e-mail goes on to the mail outbox (outbound_emails), SMS to
-- the SMS gateway, in_app to staff_notifications. `recipient` is an address, a phone number or a
-- user id by channel; `data` holds the template parameters (never an access code).
CREATE TABLE case_notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases (id),
  channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'in_app')),
  recipient   text NOT NULL,
  language    text NOT NULL CHECK (language IN ('ar', 'fr', 'en')),
  template    text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'kept', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  claimed_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX case_notifications_pending ON case_notifications (created_at) WHERE status = 'pending';

-- Staff in-app notifications (the bell): one row per staff member and event.
CREATE TABLE staff_notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  case_id     uuid REFERENCES cases (id),
  template    text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  read_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_notifications_user ON staff_notifications (user_id, created_at DESC);
CREATE INDEX staff_notifications_unread ON staff_notifications (user_id) WHERE read_at IS NULL;

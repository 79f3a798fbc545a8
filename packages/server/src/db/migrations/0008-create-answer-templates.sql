-- Answer templates: a unit's model answers in the three languages, kept by its agency admins and
-- offered to its handlers (and those of the units below it) when they draft an answer.
CREATE TABLE answer_templates (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id       uuid NOT NULL REFERENCES units (id),
  -- Null: for every request type (then no outcome either).
  request_type  text CHECK (request_type IN ('petition', 'guidance', 'suggestion', 'notice')),
  outcome       text CHECK (outcome IN ('upheld', 'partly_upheld', 'not_upheld', 'answered', 'adopted',
                  'partly_adopted', 'under_study', 'not_adopted', 'substantiated', 'referred', 'unsubstantiated')),
  title         text NOT NULL,
  body_ar       text NOT NULL,
  body_fr       text NOT NULL,
  body_en       text NOT NULL,
  is_active     boolean NOT NULL DEFAULT true,
  created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (outcome IS NULL OR request_type IS NOT NULL)
);
CREATE INDEX answer_templates_unit ON answer_templates (unit_id, request_type);

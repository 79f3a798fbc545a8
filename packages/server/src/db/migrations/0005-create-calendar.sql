-- The working calendar's public holidays, one row per day off and Gregorian year. Fixed holidays
-- are seeded as confirmed; Islamic ones with a computed date (Umm al-Qura) that an administrator
-- confirms or moves once the moon is sighted. `code` names the holiday within its year, so
-- seeding a year twice (two nodes, or on demand) inserts nothing the second time.
CREATE TABLE holidays (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year         integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  code         text NOT NULL,
  date         date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('fixed', 'islamic', 'exceptional')),
  name_ar      text NOT NULL,
  name_fr      text NOT NULL,
  name_en      text NOT NULL,
  confirmed    boolean NOT NULL DEFAULT false,
  -- A cancelled holiday stays (so seeding does not bring it back) but is a working day.
  is_active    boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, code),
  CHECK (extract(year FROM date) = year)
);
CREATE INDEX holidays_date ON holidays (date);

-- Which Gregorian years have had their default holidays seeded.
CREATE TABLE holiday_years (
  year       integer PRIMARY KEY,
  seeded_at  timestamptz NOT NULL DEFAULT now()
);

-- Administrators' overrides of the default deadlines (DESIGN.md §3): per request type and
-- milestone, nationally (unit_id NULL) or for a unit and everything below it.
CREATE TABLE deadline_settings (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id       uuid REFERENCES units (id),
  request_type  text NOT NULL CHECK (request_type IN ('petition', 'guidance', 'suggestion', 'notice')),
  milestone     text NOT NULL CHECK (milestone IN ('acknowledge', 'answer')),
  days          integer NOT NULL CHECK (days BETWEEN 1 AND 365),
  day_kind      text NOT NULL CHECK (day_kind IN ('working', 'calendar')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (unit_id, request_type, milestone)
);
CREATE INDEX deadline_settings_unit ON deadline_settings (unit_id);

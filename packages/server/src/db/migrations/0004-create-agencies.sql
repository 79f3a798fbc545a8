-- Administrative units (ministries, governorates, municipalities, offices...) as a tree.
CREATE TABLE units (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id    uuid REFERENCES units (id),
  kind         text NOT NULL CHECK (kind IN ('central_office', 'ministry', 'directorate', 'governorate',
                                             'municipality', 'public_body', 'citizen_relations_office')),
  code         text NOT NULL UNIQUE,
  name_ar      text NOT NULL,
  name_fr      text NOT NULL,
  name_en      text NOT NULL,
  governorate  text,
  is_active    boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_parent ON units (parent_id);

-- A staff member holds a role in a unit, reaching that unit, its subtree, or everything.
CREATE TABLE role_assignments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  unit_id     uuid NOT NULL REFERENCES units (id),
  role        text NOT NULL CHECK (role IN ('officer', 'supervisor', 'agency_admin', 'central_office',
                                             'moderator', 'auditor', 'system_admin')),
  scope       text NOT NULL CHECK (scope IN ('unit', 'subtree', 'all')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, unit_id, role)
);
CREATE INDEX role_assignments_unit ON role_assignments (unit_id);

-- Service areas, a trilingual tree.
CREATE TABLE categories (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id   uuid REFERENCES categories (id),
  code        text NOT NULL UNIQUE,
  name_ar     text NOT NULL,
  name_fr     text NOT NULL,
  name_en     text NOT NULL,
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent ON categories (parent_id);

-- (type, category, governorate) -> unit; NULL criteria match anything, the most specific wins.
CREATE TABLE routing_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_type  text CHECK (request_type IN ('petition', 'guidance', 'suggestion', 'notice')),
  category_id   uuid REFERENCES categories (id),
  governorate   text,
  unit_id       uuid NOT NULL REFERENCES units (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (request_type, category_id, governorate)
);
CREATE INDEX routing_rules_unit ON routing_rules (unit_id);
CREATE INDEX role_assignments_user ON role_assignments (user_id);

-- Which version of each reference data set (units, categories, routing rules) has been loaded,
-- so a start with the data present costs one query, and rules an administrator deleted stay
-- deleted until a newer data set is shipped.
CREATE TABLE seed_versions (
  name        text PRIMARY KEY,
  version     integer NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

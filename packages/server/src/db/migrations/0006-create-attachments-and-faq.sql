-- Search normalisation shared by every full-text index (FAQ, public cases): Arabic alef forms,
-- alef maqsura, taa marbuta, hamza seats, Arabic-Indic digits, diacritics and tatweel; Latin
-- accents (French). lower() only folds ASCII under the C collation, so upper-case accented
-- letters are mapped by translate() first. IMMUTABLE so generated columns and indexes can use it.
CREATE FUNCTION search_normalize(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT lower(replace(replace(replace(replace(translate(
             regexp_replace(input, '[\u064B-\u065F\u0670\u0640]', '', 'g'),
             'أإآٱىةؤئ٠١٢٣٤٥٦٧٨٩àâäáãåÀÂÄÁÃÅçÇéèêëÉÈÊËîïíìÎÏÍÌôöóòõÔÖÓÒÕùûüúÙÛÜÚÿŸýÝñÑ',
             'اااايهوي0123456789aaaaaaaaaaaacceeeeeeeeiiiiiiiioooooooooouuuuuuuuyyyynn'),
           'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'))
  $$;

-- Files a citizen or a handler attached. Uploaded before the filing, so case_id stays NULL until
-- the filing links them; unlinked rows older than a day are removed with their stored object.
-- (The foreign key to cases is added by the cases migration, which comes later.)
CREATE TABLE attachments (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id           uuid,
  storage_key       text NOT NULL UNIQUE,
  file_name         text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type        text NOT NULL,
  size_bytes        bigint NOT NULL CHECK (size_bytes >= 0),
  sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by_kind  text NOT NULL CHECK (uploaded_by_kind IN ('citizen', 'staff', 'guest', 'system')),
  uploaded_by_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  linked_at         timestamptz
);
CREATE INDEX attachments_case ON attachments (case_id);
CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE case_id IS NULL;

-- Frequently asked questions, trilingual; published ones are public and searched before filing.
-- unit_id NULL: a national entry kept by the central office.
CREATE TABLE faq_entries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seed_key      text UNIQUE,
  category_id   uuid REFERENCES categories (id),
  unit_id       uuid REFERENCES units (id),
  question_ar   text NOT NULL,
  question_fr   text NOT NULL,
  question_en   text NOT NULL,
  answer_ar     text NOT NULL,
  answer_fr     text NOT NULL,
  answer_en     text NOT NULL,
  is_published  boolean NOT NULL DEFAULT false,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('arabic'::regconfig, search_normalize(question_ar)), 'A') ||
    setweight(to_tsvector('french'::regconfig, search_normalize(question_fr)), 'A') ||
    setweight(to_tsvector('english'::regconfig, search_normalize(question_en)), 'A') ||
    setweight(to_tsvector('arabic'::regconfig, search_normalize(answer_ar)), 'C') ||
    setweight(to_tsvector('french'::regconfig, search_normalize(answer_fr)), 'C') ||
    setweight(to_tsvector('english'::regconfig, search_normalize(answer_en)), 'C')
  ) STORED,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX faq_entries_search ON faq_entries USING gin (search_vector);
CREATE INDEX faq_entries_unit ON faq_entries (unit_id);

-- Uploads for an anonymous notice (docs/threat-model-anonymous-notice.md): made without a
-- session, their metadata removed and their names replaced (attachment-1.jpg) before they are
-- stored. Only such uploads may be linked to an anonymous notice.
ALTER TABLE attachments ADD COLUMN is_anonymous boolean NOT NULL DEFAULT false;

-- Uploads without an account are bounded in total and removed sooner than a citizen's
-- (attachments.bounds.ts, attachments.usecases.ts): both read the unlinked ones among them.
CREATE INDEX attachments_unlinked_unauthenticated ON attachments (created_at)
  WHERE case_id IS NULL AND uploaded_by_id IS NULL;

-- Anonymous notices filed before this migration may hold files uploaded from a signed-in
-- session: their rows stop naming the account and the original file names. (Their audit rows
-- are hash-chained and stay; their stored bytes keep whatever metadata they had.)
UPDATE attachments AS a
   SET uploaded_by_id = NULL,
       uploaded_by_kind = 'guest',
       file_name = 'attachment-' || numbered.position || '.' || substring(a.file_name FROM '[^.]+$')
  FROM (
    SELECT x.id, row_number() OVER (PARTITION BY x.case_id ORDER BY x.created_at, x.id) AS position
      FROM attachments x
      JOIN cases c ON c.id = x.case_id
     WHERE c.is_anonymous
  ) AS numbered
 WHERE a.id = numbered.id;

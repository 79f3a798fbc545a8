-- The public transparency log (modules/transparency-log): an RFC 9162 Merkle tree over entries
-- that hold public facts and hashes only. Callers queue an entry in their own transaction
-- (transparency_log_pending); one writer at a time (advisory lock) appends queued entries in
-- order, stores the new subtree hashes and signs a checkpoint, all in one transaction.

-- The queue: an entry waits here until the writer appends it, then its row is removed.
CREATE TABLE transparency_log_pending (
  id           bigserial PRIMARY KEY,
  source_id    uuid NOT NULL UNIQUE,
  entry        bytea NOT NULL CHECK (octet_length(entry) <= 65535),
  enqueued_at  timestamptz NOT NULL DEFAULT now()
);

-- The leaves, in tree order. `source_id` names what the entry is for (e.g. an answer's id).
-- Entry bundles prefix each entry with a uint16 length, hence the 65,535-byte limit.
CREATE TABLE transparency_log_entries (
  leaf_index   bigint PRIMARY KEY CHECK (leaf_index >= 0),
  source_id    uuid NOT NULL UNIQUE,
  entry        bytea NOT NULL CHECK (octet_length(entry) <= 65535),
  appended_at  timestamptz NOT NULL DEFAULT now()
);

-- Every complete subtree hash ("stored hashes", as Go's sumdb/tlog): the row (level, idx) is
-- MTH(D[idx * 2^level : (idx + 1) * 2^level]). About two rows a leaf; a tile is one range
-- read of one level, a proof or a root O(log n) rows.
CREATE TABLE transparency_log_hashes (
  level  smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx    bigint NOT NULL CHECK (idx >= 0),
  hash   bytea NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, idx)
);

-- Signed checkpoints (C2SP tlog-checkpoint in a signed note), one a tree size.
CREATE TABLE transparency_log_checkpoints (
  tree_size  bigint PRIMARY KEY CHECK (tree_size >= 0),
  root_hash  bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  note       text NOT NULL,
  signed_at  timestamptz NOT NULL DEFAULT now()
);

-- Entries, hashes and checkpoints are append-only: no update, no delete, no truncate.
CREATE FUNCTION transparency_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: its rows are never changed or removed', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER transparency_log_entries_append_only
  BEFORE UPDATE OR DELETE ON transparency_log_entries
  FOR EACH ROW EXECUTE FUNCTION transparency_log_guard();
CREATE TRIGGER transparency_log_entries_no_truncate
  BEFORE TRUNCATE ON transparency_log_entries
  FOR EACH STATEMENT EXECUTE FUNCTION transparency_log_guard();
CREATE TRIGGER transparency_log_hashes_append_only
  BEFORE UPDATE OR DELETE ON transparency_log_hashes
  FOR EACH ROW EXECUTE FUNCTION transparency_log_guard();
CREATE TRIGGER transparency_log_hashes_no_truncate
  BEFORE TRUNCATE ON transparency_log_hashes
  FOR EACH STATEMENT EXECUTE FUNCTION transparency_log_guard();
CREATE TRIGGER transparency_log_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON transparency_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION transparency_log_guard();
CREATE TRIGGER transparency_log_checkpoints_no_truncate
  BEFORE TRUNCATE ON transparency_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION transparency_log_guard();

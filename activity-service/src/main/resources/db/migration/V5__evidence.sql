-- Evidence files of activities (issue 18): the metadata here, the bytes in the evidence store (files on disk or an
-- S3 bucket) under storage_key, and a JPEG thumbnail of a photo under thumbnail_key.
CREATE TABLE evidence_file (
    id            uuid PRIMARY KEY,
    activity_id   uuid        NOT NULL REFERENCES activity (id),
    name          text        NOT NULL,
    content_type  text        NOT NULL,
    size          bigint      NOT NULL CHECK (size > 0),
    sha256        char(64)    NOT NULL,
    storage_key   text        NOT NULL UNIQUE,
    thumbnail_key text        UNIQUE,
    width         int,
    height        int,
    note          text,
    uploaded_by   text        NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    -- The order of uploads (two in the same millisecond, or a clock set back, keep theirs).
    position      bigint      GENERATED ALWAYS AS IDENTITY,
    -- The same bytes twice on one activity are one file (a phone that sent the photo again).
    UNIQUE (activity_id, sha256)
);
CREATE INDEX evidence_file_activity ON evidence_file (activity_id, position);

-- Objects that no row refers to, or may not yet: an upload journals its keys (due after a grace period) before
-- it writes the objects and forgets them in the transaction that inserts its row; a deletion journals the file's
-- keys (due at once) in the transaction that deletes its row. So a crash anywhere leaves a journalled object, and
-- the cleanup (ShedLock "evidence-orphans") removes the objects that are due and that no row refers to.
CREATE TABLE evidence_orphan (
    storage_key text        PRIMARY KEY,
    due_at      timestamptz NOT NULL,
    reason      text        NOT NULL
);
CREATE INDEX evidence_orphan_due ON evidence_orphan (due_at);

-- Reprocessing: what each article was read with, and background jobs that
-- read stored articles again with the current extractor.

-- The digest of the topics (slugs and patterns) the article was read with.
-- Articles stored before digests were recorded have none: unknown counts as
-- stale, so the first `POST /v1/reprocess` reads them again.
ALTER TABLE articles ADD COLUMN topics_digest text;

CREATE TABLE jobs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('reprocess')),
    status      text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    -- What to reprocess: one article, every article, or (neither) the stale ones.
    article_id  bigint,
    all_articles boolean    NOT NULL DEFAULT false,
    total       integer     NOT NULL DEFAULT 0,
    done        integer     NOT NULL DEFAULT 0,
    failed      integer     NOT NULL DEFAULT 0,
    skipped     integer     NOT NULL DEFAULT 0,
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz,
    -- Touched while the job's process works on it; a queued or running job
    -- whose heartbeat stopped belongs to a process that died.
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX jobs_unfinished ON jobs (heartbeat_at) WHERE status IN ('queued', 'running');

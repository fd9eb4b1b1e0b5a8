-- A live feed of what ingestion stores (issue 17): GET /v1/events (Server-Sent
-- Events) and webhooks read it.
--
-- One log row per stored article, not one per event: the feed's events (the
-- article, the meetings it reports, its positions and their changes) are read
-- from the article's rows when the log is read. Ingestion writes one narrow row
-- an article (a row an event, with its payload, would write several times more
-- under the lock below).
--
-- Ids are drawn while the ingesting transaction holds the shared-rows lock
-- (`store::lock_shared_rows`) and that lock is held to commit, so ids commit in
-- order: a reader that has seen id N never later finds a newly committed id
-- below N, which is what makes `Last-Event-ID` resumption exact. No foreign key
-- to articles: its per-article reference lock costs ingestion (migration 17); a
-- deleted article's log rows simply yield no events.
CREATE TABLE event_log (
    id         bigint      PRIMARY KEY,
    article_id bigint      NOT NULL,
    logged_at  timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE event_log_id_seq OWNED BY event_log.id;
ALTER TABLE event_log ALTER COLUMN id SET DEFAULT nextval('event_log_id_seq');
-- Pruning goes by age.
CREATE INDEX event_log_logged_at ON event_log (logged_at);

-- The highest id pruned: a client resuming from below it has missed events.
CREATE TABLE event_log_pruned (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through  bigint  NOT NULL
);
INSERT INTO event_log_pruned (through) VALUES (0);

-- Webhooks: where to POST events, which ones, and how far the hook has been fed.
CREATE TABLE webhooks (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url             text        NOT NULL,
    description     text,
    -- Event kinds delivered; empty for all.
    kinds           text[]      NOT NULL DEFAULT '{}',
    country         char(2)     CHECK (country ~ '^[A-Z]{2}$'),
    topic           text,
    -- `whsec_` and the base64 of the signing key (Standard Webhooks).
    secret          text        NOT NULL,
    enabled         boolean     NOT NULL DEFAULT true,
    disabled_reason text,
    -- Events up to this log id and ordinal are queued as deliveries already.
    cursor_log      bigint      NOT NULL,
    cursor_ord      integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One event for one hook, with every attempt to deliver it.
CREATE TABLE webhook_deliveries (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id      bigint      NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    kind            text        NOT NULL,
    -- The body as sent, byte for byte the same on every attempt (it is signed).
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    -- Each attempt: when, the HTTP status or the error, how long it took.
    attempts        jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attempts) = 'array'),
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (webhook_id, event_id),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, id DESC);

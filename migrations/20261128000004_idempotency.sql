-- Answers to POSTs sent with an Idempotency-Key, replayed when the same key
-- comes again with the same request (kept a day).
CREATE TABLE idempotency_keys (
    key          text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 255),
    request_hash bytea       NOT NULL,
    status       smallint    NOT NULL,
    content_type text,
    location     text,
    body         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

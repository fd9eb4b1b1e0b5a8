-- API keys. Only the SHA-256 of a key is kept; the public prefix finds its row.
-- A revoked key stays listed (with revoked_at) so its history is not lost.
CREATE TABLE api_keys (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    scope        text        NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    prefix       text        NOT NULL UNIQUE,
    key_hash     bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);
-- "Is any key active?" is asked every few seconds by each server.
CREATE INDEX api_keys_active ON api_keys (id) WHERE revoked_at IS NULL;

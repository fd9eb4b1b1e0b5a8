-- The actor dictionary (src/domain/office_holder.rs): who held which office of
-- which state or organisation, and when. Seeded from data/actors/*.tsv by
-- `store::actors::seed_defaults` on every migrate; admins correct it through
-- `/v1/actors`, and the extractor reads it from here.
--
-- How the seed and the admin share rows:
--   * A row from the data files carries `default_key` (actor|office|name|from
--     as the files wrote them): the seed finds its rows by it. Admin-made rows
--     have none.
--   * While `edited` is false the seed keeps a default row equal to its line
--     (a later release's correction of a title, variant or end date reaches
--     it) and removes it when the files no longer have its line.
--   * An admin's PATCH sets `edited`: from then on the seed leaves the row be.
--   * Deleting a default row leaves its key in `actor_tombstones`, so the seed
--     does not bring it back.
CREATE TABLE actors (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- A state's ISO code ("US") or an organisation's code ("UN", "World Bank").
    actor       text        NOT NULL CHECK (actor ~ '^[A-Z][A-Za-z0-9 -]{1,19}$'),
    office      text        NOT NULL CHECK (office ~ '^[a-z][a-z0-9_]{1,63}$'),
    title       text        NOT NULL,
    name        text        NOT NULL,
    variants    text[]      NOT NULL DEFAULT '{}',
    term_from   date        NOT NULL,
    -- Null while the office is still held.
    term_to     date        CHECK (term_to >= term_from),
    -- The name and its variants folded as the extractor matches names (case,
    -- punctuation and diacritics dropped), `|`-separated: what `?q=` searches.
    search_key  text        NOT NULL,
    default_key text        UNIQUE,
    is_default  boolean     GENERATED ALWAYS AS (default_key IS NOT NULL) STORED,
    edited      boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The list's order (actor, office, start), which also serves `?country=`.
CREATE INDEX actors_listing ON actors (actor, office, term_from, id);
-- `?office=` in the same order.
CREATE INDEX actors_by_office ON actors (office, actor, term_from, id);
-- `?on=`: the terms containing a day.
CREATE INDEX actors_term ON actors USING gist (daterange(term_from, term_to, '[]'));
-- `?q=`: a substring of the name or a variant (pg_trgm, from the first migration).
CREATE INDEX actors_search ON actors USING gin (search_key gin_trgm_ops);

CREATE TABLE actor_tombstones (
    default_key text        PRIMARY KEY,
    deleted_at  timestamptz NOT NULL DEFAULT now()
);

-- Readout's first schema: articles and everything extracted from them.
-- Derived rows hang off their article with ON DELETE CASCADE, so deleting an
-- article (or replacing its extraction) can never leave orphans behind.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Reference data, upserted from the gazetteer embedded in the binary at start-up.
CREATE TABLE countries (
    code        char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name        text    NOT NULL,
    aliases     text[]  NOT NULL DEFAULT '{}',
    adjectives  text[]  NOT NULL DEFAULT '{}',
    demonyms    text[]  NOT NULL DEFAULT '{}',
    capital     text
);

-- The topic taxonomy is data, not code: defaults are seeded once, users may add their own.
CREATE TABLE topics (
    slug        text        PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9_]{1,63}$'),
    label       text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    patterns    text[]      NOT NULL CHECK (cardinality(patterns) > 0),
    is_default  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- SHA-256 of the text exactly as posted: the same text is the same article.
    content_hash      bytea       NOT NULL UNIQUE CHECK (length(content_hash) = 32),
    text              text        NOT NULL CHECK (length(btrim(text)) > 0),
    title             text,
    url               text,
    source            text,
    -- The calendar day the client gave (anchor for relative dates) and, when
    -- the client gave a full timestamp, that instant.
    published_on      date,
    published_at      timestamptz,
    dateline_place    text,
    dateline_country  char(2)     REFERENCES countries (code),
    dateline_date     date,
    dateline_agency   text,
    dateline_start    integer,
    dateline_end      integer,
    -- The day the article reports on: its dateline's day, else its publication
    -- day, else the day it was ingested. Statements and positions copy it so
    -- date filters are index range scans without a join.
    reported_on       date        NOT NULL,
    extractor_version text        NOT NULL,
    ingested_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (dateline_start IS NULL OR dateline_start <= dateline_end)
);

-- One person across articles: the same normalised name serving the same state or organisation.
CREATE TABLE officials (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text    NOT NULL,
    name_key  text    NOT NULL,
    country   char(2) REFERENCES countries (code),
    org       text,
    -- Kept current by the store as articles come and go: lists show them without aggregating.
    articles   integer NOT NULL DEFAULT 0,
    first_seen date,
    last_seen  date,
    CONSTRAINT officials_identity UNIQUE NULLS NOT DISTINCT (name_key, country, org)
);

-- An official as one article presents them: name as written and every mention.
CREATE TABLE article_officials (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id   bigint  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    official_id  bigint  NOT NULL REFERENCES officials (id),
    ord          integer NOT NULL,
    name         text    NOT NULL,
    -- [{"start": 0, "end": 9, "kind": "full_name"}, ...]
    mentions     jsonb   NOT NULL DEFAULT '[]',
    UNIQUE (article_id, ord)
);
CREATE INDEX article_officials_official ON article_officials (official_id);
CREATE INDEX officials_country ON officials (country, name_key, id);
CREATE INDEX officials_name ON officials (name_key, id);
CREATE INDEX officials_name_trgm ON officials USING gin (name_key gin_trgm_ops);

-- Each title an article gives an official, with where and on which day it was seen.
CREATE TABLE official_titles (
    id                  bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_official_id bigint  NOT NULL REFERENCES article_officials (id) ON DELETE CASCADE,
    official_id         bigint  NOT NULL REFERENCES officials (id),
    article_id          bigint  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord                 integer NOT NULL,
    title               text    NOT NULL,
    seen_on             date    NOT NULL,
    span_start          integer NOT NULL,
    span_end            integer NOT NULL,
    UNIQUE (article_official_id, ord)
);
CREATE INDEX official_titles_official ON official_titles (official_id, title);
CREATE INDEX official_titles_article ON official_titles (article_id);

-- Each official's titles timeline: when each title was first and last seen.
-- Kept current by the store from official_titles.
CREATE TABLE official_title_spans (
    official_id bigint  NOT NULL REFERENCES officials (id),
    title       text    NOT NULL,
    first_seen  date    NOT NULL,
    last_seen   date    NOT NULL,
    articles    integer NOT NULL,
    PRIMARY KEY (official_id, title)
);
CREATE INDEX official_title_spans_title ON official_title_spans (lower(title), official_id);

-- A meeting across articles: reports of the same participants within a day
-- of each other are one meeting. Its attributes are refreshed from its reports.
CREATE TABLE meetings (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text    NOT NULL,
    date             date,
    location         text,
    location_country char(2) REFERENCES countries (code),
    -- For ordering and date filters: the meeting's date, or when it has none,
    -- the day of the first article reporting it.
    sort_on          date    NOT NULL,
    -- States involved: the participants' and the location's.
    countries        char(2)[] NOT NULL DEFAULT '{}',
    sources          integer NOT NULL DEFAULT 0
);
CREATE INDEX meetings_sort ON meetings (sort_on DESC, id DESC);
CREATE INDEX meetings_countries ON meetings USING gin (countries);

-- A meeting as one article reports it.
CREATE TABLE meeting_reports (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id       bigint  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    meeting_id       bigint  NOT NULL REFERENCES meetings (id),
    ord              integer NOT NULL,
    kind             text    NOT NULL CHECK (kind IN ('meeting', 'talks', 'phone_call', 'video_call', 'message', 'visit', 'conference')),
    date             date,
    date_anchor      date,
    date_rule        text    CHECK (date_rule IN ('explicit', 'weekday', 'today', 'yesterday', 'this_week', 'anchor')),
    location         text,
    location_country char(2) REFERENCES countries (code),
    host_id          bigint  REFERENCES article_officials (id) ON DELETE CASCADE,
    span_start       integer NOT NULL,
    span_end         integer NOT NULL,
    UNIQUE (article_id, ord),
    CHECK ((date IS NULL) = (date_rule IS NULL))
);
CREATE INDEX meeting_reports_meeting ON meeting_reports (meeting_id);

CREATE TABLE meeting_participants (
    report_id           bigint  NOT NULL REFERENCES meeting_reports (id) ON DELETE CASCADE,
    article_official_id bigint  NOT NULL REFERENCES article_officials (id) ON DELETE CASCADE,
    -- Copies of the report's meeting and the official's person, for lookups across articles.
    meeting_id          bigint  NOT NULL REFERENCES meetings (id),
    official_id         bigint  NOT NULL REFERENCES officials (id),
    ord                 integer NOT NULL,
    PRIMARY KEY (report_id, article_official_id)
);
CREATE INDEX meeting_participants_article_official ON meeting_participants (article_official_id);
CREATE INDEX meeting_participants_person ON meeting_participants (official_id, meeting_id);
CREATE INDEX meeting_participants_meeting ON meeting_participants (meeting_id);

CREATE TABLE statements (
    id                  bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id          bigint   NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord                 integer  NOT NULL,
    speaker_kind        text     NOT NULL CHECK (speaker_kind IN ('official', 'state', 'joint')),
    speaker_id          bigint   REFERENCES article_officials (id) ON DELETE CASCADE,
    official_id         bigint   REFERENCES officials (id),
    -- The state the speaker speaks for: the official's, or the state speaking.
    country             char(2)  REFERENCES countries (code),
    joint_countries     char(2)[] NOT NULL DEFAULT '{}',
    text                text     NOT NULL,
    span_start          integer  NOT NULL,
    span_end            integer  NOT NULL,
    mode                text     NOT NULL CHECK (mode IN ('direct', 'reported')),
    verb                text,
    stated_on           date     NOT NULL,
    tsv                 tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    UNIQUE (article_id, ord),
    CHECK ((speaker_kind = 'official') = (speaker_id IS NOT NULL)),
    CHECK (speaker_kind <> 'state' OR country IS NOT NULL)
);
CREATE INDEX statements_speaker ON statements (speaker_id);
CREATE INDEX statements_person ON statements (official_id, stated_on DESC, id DESC);
CREATE INDEX statements_stated ON statements (stated_on DESC, id DESC);
CREATE INDEX statements_country ON statements (country, stated_on DESC, id DESC);
CREATE INDEX statements_tsv ON statements USING gin (tsv);

-- One position per (article, actor, topic, stance), as the guideline counts
-- them; every statement of the article that states it is its evidence.
CREATE TABLE positions (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id    bigint  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord           integer NOT NULL,
    actor         text    NOT NULL,
    actor_kind    text    NOT NULL CHECK (actor_kind IN ('state', 'org')),
    topic         text    NOT NULL REFERENCES topics (slug) ON UPDATE CASCADE,
    stance        text    NOT NULL CHECK (stance IN ('support', 'oppose')),
    -- Who stated it first in the article (null when the state speaks as a whole).
    speaker_id    bigint  REFERENCES article_officials (id) ON DELETE CASCADE,
    official_id   bigint  REFERENCES officials (id),
    stated_on     date    NOT NULL,
    -- How many of the article's statements state it.
    evidence      integer NOT NULL CHECK (evidence > 0),
    UNIQUE (article_id, actor_kind, actor, topic, stance),
    UNIQUE (article_id, ord)
);
CREATE INDEX positions_person ON positions (official_id, stated_on DESC);
CREATE INDEX positions_actor_topic ON positions (actor, topic, stated_on DESC, id DESC);
CREATE INDEX positions_topic_stated ON positions (topic, stance, stated_on DESC, id DESC);
CREATE INDEX positions_stated ON positions (stated_on DESC, id DESC);

CREATE TABLE position_evidence (
    position_id   bigint  NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
    statement_id  bigint  NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    -- Order among all the article's evidence, as the extraction produced it.
    ord           integer NOT NULL,
    speaker_id    bigint  REFERENCES article_officials (id) ON DELETE CASCADE,
    -- The phrase in the statement that names the topic.
    span_start    integer NOT NULL,
    span_end      integer NOT NULL,
    PRIMARY KEY (position_id, ord)
);
CREATE INDEX position_evidence_statement ON position_evidence (statement_id);

-- Cascading deletes look rows up by these references.
CREATE INDEX positions_speaker ON positions (speaker_id);
CREATE INDEX position_evidence_statement_speaker ON position_evidence (speaker_id);
CREATE INDEX meeting_reports_host ON meeting_reports (host_id);

-- Positions per actor, topic, stance and month, for the stats endpoints:
-- kept current by statement-level triggers, so cascaded deletes count too.
CREATE TABLE position_counts (
    actor  text    NOT NULL,
    topic  text    NOT NULL,
    stance text    NOT NULL,
    month  date    NOT NULL,
    n      integer NOT NULL,
    PRIMARY KEY (actor, topic, stance, month)
);
CREATE INDEX position_counts_topic ON position_counts (topic, month);
CREATE INDEX position_counts_month ON position_counts (month);

CREATE FUNCTION count_positions_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO position_counts (actor, topic, stance, month, n)
    SELECT actor, topic, stance, date_trunc('month', stated_on)::date, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (actor, topic, stance, month) DO UPDATE SET n = position_counts.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION count_positions_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE position_counts c SET n = c.n - gone.n
    FROM (SELECT actor, topic, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3, 4) gone
    WHERE c.actor = gone.actor AND c.topic = gone.topic AND c.stance = gone.stance AND c.month = gone.month;
    -- A separate statement: one statement cannot both update and delete a row.
    DELETE FROM position_counts c USING (SELECT DISTINCT actor, topic, stance FROM old_rows) gone
    WHERE c.n <= 0 AND c.actor = gone.actor AND c.topic = gone.topic AND c.stance = gone.stance;
    RETURN NULL;
END $$;

CREATE TRIGGER positions_counted_in AFTER INSERT ON positions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_positions_in();
CREATE TRIGGER positions_counted_out AFTER DELETE ON positions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_positions_out();

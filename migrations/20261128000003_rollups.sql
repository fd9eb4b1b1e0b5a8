-- Counts that dashboards ask for across millions of rows, kept at write time
-- (issue 4's benchmark at 100k articles: request-time aggregates took seconds).

-- Each statement's positions as tags, for the topic and stance filters of
-- GET /v1/statements: "one_china", "one_china:support" and ":support".
ALTER TABLE statements ADD COLUMN topics text[] NOT NULL DEFAULT '{}';
UPDATE statements s SET topics = t.tags
FROM (SELECT e.statement_id,
             array_agg(DISTINCT tag ORDER BY tag) AS tags
      FROM position_evidence e JOIN positions p ON p.id = e.position_id
      CROSS JOIN LATERAL unnest(ARRAY[p.topic, p.topic || ':' || p.stance, ':' || p.stance]) AS tag
      GROUP BY e.statement_id) t
WHERE s.id = t.statement_id;
CREATE INDEX statements_topics ON statements USING gin (topics);

-- Positions and their evidence per actor, topic and stance (all time), per
-- topic and month, and per actor and month: the smallest table that holds a
-- query's dimensions answers it.
CREATE TABLE position_totals (
    actor    text    NOT NULL,
    topic    text    NOT NULL,
    stance   text    NOT NULL,
    n        integer NOT NULL,
    evidence integer NOT NULL,
    PRIMARY KEY (actor, topic, stance)
);
CREATE INDEX position_totals_topic ON position_totals (topic);
CREATE TABLE position_topic_months (
    topic  text    NOT NULL,
    stance text    NOT NULL,
    month  date    NOT NULL,
    n      integer NOT NULL,
    PRIMARY KEY (topic, stance, month)
);
CREATE TABLE position_actor_months (
    actor  text    NOT NULL,
    stance text    NOT NULL,
    month  date    NOT NULL,
    n      integer NOT NULL,
    PRIMARY KEY (actor, stance, month)
);
INSERT INTO position_totals
SELECT actor, topic, stance, count(*), sum(evidence) FROM positions GROUP BY 1, 2, 3;
INSERT INTO position_topic_months
SELECT topic, stance, month, sum(n) FROM position_counts GROUP BY 1, 2, 3;
INSERT INTO position_actor_months
SELECT actor, stance, month, sum(n) FROM position_counts GROUP BY 1, 2, 3;

-- Statements per state spoken for.
CREATE TABLE statement_totals (
    country char(2) PRIMARY KEY,
    n       integer NOT NULL
);
INSERT INTO statement_totals SELECT country, count(*) FROM statements WHERE country IS NOT NULL GROUP BY 1;

-- All rollups move together, rows locked in key order so concurrent writers
-- cannot deadlock.
CREATE OR REPLACE FUNCTION count_positions_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO position_counts (actor, topic, stance, month, n)
    SELECT actor, topic, stance, date_trunc('month', stated_on)::date, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (actor, topic, stance, month) DO UPDATE SET n = position_counts.n + EXCLUDED.n;
    INSERT INTO position_totals (actor, topic, stance, n, evidence)
    SELECT actor, topic, stance, count(*), sum(evidence) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (actor, topic, stance) DO UPDATE
        SET n = position_totals.n + EXCLUDED.n, evidence = position_totals.evidence + EXCLUDED.evidence;
    INSERT INTO position_topic_months (topic, stance, month, n)
    SELECT topic, stance, date_trunc('month', stated_on)::date, count(*)
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (topic, stance, month) DO UPDATE SET n = position_topic_months.n + EXCLUDED.n;
    INSERT INTO position_actor_months (actor, stance, month, n)
    SELECT actor, stance, date_trunc('month', stated_on)::date, count(*)
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (actor, stance, month) DO UPDATE SET n = position_actor_months.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION count_positions_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE position_counts c SET n = c.n - gone.n
    FROM (SELECT actor, topic, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3, 4) gone
    WHERE c.actor = gone.actor AND c.topic = gone.topic AND c.stance = gone.stance AND c.month = gone.month;
    UPDATE position_totals c SET n = c.n - gone.n, evidence = c.evidence - gone.evidence
    FROM (SELECT actor, topic, stance, count(*) AS n, sum(evidence) AS evidence FROM old_rows GROUP BY 1, 2, 3) gone
    WHERE c.actor = gone.actor AND c.topic = gone.topic AND c.stance = gone.stance;
    UPDATE position_topic_months c SET n = c.n - gone.n
    FROM (SELECT topic, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3) gone
    WHERE c.topic = gone.topic AND c.stance = gone.stance AND c.month = gone.month;
    UPDATE position_actor_months c SET n = c.n - gone.n
    FROM (SELECT actor, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3) gone
    WHERE c.actor = gone.actor AND c.stance = gone.stance AND c.month = gone.month;
    -- Separate statements: one statement cannot both update and delete a row.
    DELETE FROM position_counts WHERE n <= 0;
    DELETE FROM position_totals WHERE n <= 0;
    DELETE FROM position_topic_months WHERE n <= 0;
    DELETE FROM position_actor_months WHERE n <= 0;
    RETURN NULL;
END $$;

CREATE FUNCTION count_statements_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_totals (country, n)
    SELECT country, count(*) FROM new_rows WHERE country IS NOT NULL GROUP BY 1 ORDER BY 1
    ON CONFLICT (country) DO UPDATE SET n = statement_totals.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION count_statements_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statement_totals c SET n = c.n - gone.n
    FROM (SELECT country, count(*) AS n FROM old_rows WHERE country IS NOT NULL GROUP BY 1) gone
    WHERE c.country = gone.country;
    RETURN NULL;
END $$;

CREATE TRIGGER statements_counted_in AFTER INSERT ON statements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_statements_in();
CREATE TRIGGER statements_counted_out AFTER DELETE ON statements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_statements_out();

-- Finding spent rollup rows after a delete reads these (normally empty) indexes, not the tables.
CREATE INDEX position_counts_spent ON position_counts (actor) WHERE n <= 0;
CREATE INDEX position_totals_spent ON position_totals (actor) WHERE n <= 0;
CREATE INDEX position_topic_months_spent ON position_topic_months (topic) WHERE n <= 0;
CREATE INDEX position_actor_months_spent ON position_actor_months (actor) WHERE n <= 0;

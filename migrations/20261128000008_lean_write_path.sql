-- Ingestion spent about a third of PostgreSQL's time checking foreign keys:
-- PostgreSQL checks each one row by row, and a wire article writes about 150
-- such checks. Most of them guard references that cannot break, because one
-- writer (store::extraction) writes both ends in the same transaction from the
-- ids PostgreSQL returned, or copies a column from a row it references anyway.
--
-- Kept: every derived row's cascade path from its article (or parent row), so
-- deleting an article still removes everything it yielded, and every
-- reference to a row that other transactions write or delete: people through
-- article_officials, topics, meetings, and countries on the low-volume tables.
-- Dropped, with the indexes that only served their cascades:
--   * references within one article's rows (to its officials, statements);
--   * copies of a person id that the row's article official already holds;
--   * statements.country, whose codes come from the gazetteer that seeds
--     `countries` at every start (rows there are never deleted).
-- tests/common's `assert_references_hold` checks every dropped reference
-- after ingest, reprocessing, merges and deletes.

ALTER TABLE statements
    DROP CONSTRAINT statements_speaker_id_fkey,
    DROP CONSTRAINT statements_official_id_fkey,
    DROP CONSTRAINT statements_country_fkey;
DROP INDEX statements_speaker;

ALTER TABLE positions
    DROP CONSTRAINT positions_speaker_id_fkey,
    DROP CONSTRAINT positions_official_id_fkey;
DROP INDEX positions_speaker;

ALTER TABLE position_evidence
    DROP CONSTRAINT position_evidence_statement_id_fkey,
    DROP CONSTRAINT position_evidence_speaker_id_fkey;
DROP INDEX position_evidence_statement;
DROP INDEX position_evidence_statement_speaker;

ALTER TABLE official_titles
    DROP CONSTRAINT official_titles_article_official_id_fkey,
    DROP CONSTRAINT official_titles_official_id_fkey;

ALTER TABLE meeting_participants
    DROP CONSTRAINT meeting_participants_article_official_id_fkey,
    DROP CONSTRAINT meeting_participants_official_id_fkey,
    DROP CONSTRAINT meeting_participants_meeting_id_fkey;
DROP INDEX meeting_participants_article_official;

ALTER TABLE meeting_reports DROP CONSTRAINT meeting_reports_host_id_fkey;
DROP INDEX meeting_reports_host;

-- Every reference the dropped keys guarded, with the rows that break it:
-- empty on a sound database. Tests read it after every kind of write, and an
-- operator can too.
CREATE VIEW broken_references (reference, broken) AS
SELECT 'statements.speaker_id', count(*) FROM statements s
    LEFT JOIN article_officials x ON x.id = s.speaker_id AND x.article_id = s.article_id
    WHERE s.speaker_id IS NOT NULL AND (x.id IS NULL OR x.official_id IS DISTINCT FROM s.official_id)
UNION ALL
SELECT 'statements.country', count(*) FROM statements s
    WHERE s.country IS NOT NULL AND NOT EXISTS (SELECT 1 FROM countries c WHERE c.code = s.country)
UNION ALL
SELECT 'positions.speaker_id', count(*) FROM positions p
    LEFT JOIN article_officials x ON x.id = p.speaker_id AND x.article_id = p.article_id
    WHERE p.speaker_id IS NOT NULL AND (x.id IS NULL OR x.official_id IS DISTINCT FROM p.official_id)
UNION ALL
SELECT 'position_evidence.statement_id', count(*) FROM position_evidence e
    JOIN positions p ON p.id = e.position_id
    LEFT JOIN statements s ON s.id = e.statement_id AND s.article_id = p.article_id
    WHERE s.id IS NULL
UNION ALL
SELECT 'position_evidence.speaker_id', count(*) FROM position_evidence e
    JOIN positions p ON p.id = e.position_id
    LEFT JOIN article_officials x ON x.id = e.speaker_id AND x.article_id = p.article_id
    WHERE e.speaker_id IS NOT NULL AND x.id IS NULL
UNION ALL
SELECT 'official_titles.article_official_id', count(*) FROM official_titles t
    LEFT JOIN article_officials x ON x.id = t.article_official_id AND x.article_id = t.article_id
    WHERE x.id IS NULL OR x.official_id <> t.official_id
UNION ALL
SELECT 'meeting_participants.article_official_id', count(*) FROM meeting_participants m
    JOIN meeting_reports r ON r.id = m.report_id
    LEFT JOIN article_officials x ON x.id = m.article_official_id AND x.article_id = r.article_id
    WHERE x.id IS NULL OR x.official_id <> m.official_id OR m.meeting_id <> r.meeting_id
UNION ALL
SELECT 'meeting_reports.host_id', count(*) FROM meeting_reports r
    LEFT JOIN article_officials x ON x.id = r.host_id AND x.article_id = r.article_id
    WHERE r.host_id IS NOT NULL AND x.id IS NULL;

-- The verdicts a batch can move: its own positions', and the verdict of the
-- position right after each on the same actor and topic. The old way probed
-- the index three times per new position (its predecessor, its successor
-- through position_after, a function call of about 20 µs, then that
-- successor's predecessor). Two probes suffice: a successor's predecessor is
-- the new position whose successor it is.
CREATE OR REPLACE FUNCTION count_new_articles(articles bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO statement_totals (country, n)
    SELECT country, count(*) FROM statements
    WHERE article_id = ANY (articles) AND country IS NOT NULL GROUP BY 1
    ON CONFLICT (country) DO UPDATE SET n = statement_totals.n + EXCLUDED.n;

    INSERT INTO position_counts (actor, topic, stance, month, n)
    SELECT actor, topic, stance, date_trunc('month', stated_on)::date, count(*)
    FROM positions WHERE article_id = ANY (articles) GROUP BY 1, 2, 3, 4
    ON CONFLICT (actor, topic, stance, month) DO UPDATE SET n = position_counts.n + EXCLUDED.n;
    INSERT INTO position_totals (actor, topic, stance, n, evidence)
    SELECT actor, topic, stance, count(*), sum(evidence)
    FROM positions WHERE article_id = ANY (articles) GROUP BY 1, 2, 3
    ON CONFLICT (actor, topic, stance) DO UPDATE
        SET n = position_totals.n + EXCLUDED.n, evidence = position_totals.evidence + EXCLUDED.evidence;
    INSERT INTO position_topic_months (topic, stance, month, n)
    SELECT topic, stance, date_trunc('month', stated_on)::date, count(*)
    FROM positions WHERE article_id = ANY (articles) GROUP BY 1, 2, 3
    ON CONFLICT (topic, stance, month) DO UPDATE SET n = position_topic_months.n + EXCLUDED.n;
    INSERT INTO position_actor_months (actor, stance, month, n)
    SELECT actor, stance, date_trunc('month', stated_on)::date, count(*)
    FROM positions WHERE article_id = ANY (articles) GROUP BY 1, 2, 3
    ON CONFLICT (actor, stance, month) DO UPDATE SET n = position_actor_months.n + EXCLUDED.n;

    WITH mine AS (
        SELECT id, actor, topic, stated_on, stance FROM positions WHERE article_id = ANY (articles)
    ), verdicts AS (
        SELECT m.id, before.stance AS before, m.stance FROM mine m
        LEFT JOIN LATERAL (
            SELECT q.stance FROM positions q
            WHERE q.actor = m.actor AND q.topic = m.topic AND (q.stated_on, q.id) < (m.stated_on, m.id)
            ORDER BY q.stated_on DESC, q.id DESC LIMIT 1
        ) before ON true
        UNION ALL
        SELECT after.id, m.stance, after.stance FROM mine m
        CROSS JOIN LATERAL (
            SELECT q.id, q.stance, q.article_id FROM positions q
            WHERE q.actor = m.actor AND q.topic = m.topic AND (q.stated_on, q.id) > (m.stated_on, m.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) after
        WHERE after.article_id <> ALL (articles)
    )
    UPDATE positions p SET change = v.change, previous_stance = v.previous_stance
    FROM (
        SELECT id,
               CASE WHEN before IS NULL THEN 'first_stated' WHEN before <> stance THEN 'reversal' END AS change,
               CASE WHEN before <> stance THEN before END AS previous_stance
        FROM verdicts
    ) v
    WHERE p.id = v.id
      AND (p.change IS DISTINCT FROM v.change OR p.previous_stance IS DISTINCT FROM v.previous_stance);
$$;

-- Statements' search vectors come with the row (store::tsvector computes them
-- for plain prose, and the insert falls back to to_tsvector for the rest), so
-- the column stops being generated. Existing vectors stay as they are.
ALTER TABLE statements ALTER COLUMN tsv DROP EXPRESSION;

-- Every batch adds to thousands of rollup rows. Their "spent" indexes
-- (WHERE n <= 0) name `n` in a predicate, which made each such update touch
-- every index of the table (no heap-only update) and left the indexes full of
-- dead versions. The delete trigger now finds spent rows by key among the
-- rows it just lowered, and the rollups keep room on their pages so an update
-- can stay on its page.
DROP INDEX position_counts_spent;
DROP INDEX position_totals_spent;
DROP INDEX position_topic_months_spent;
DROP INDEX position_actor_months_spent;

ALTER TABLE position_counts SET (fillfactor = 70);
ALTER TABLE position_totals SET (fillfactor = 70);
ALTER TABLE position_topic_months SET (fillfactor = 70);
ALTER TABLE position_actor_months SET (fillfactor = 70);
ALTER TABLE statement_totals SET (fillfactor = 70);
ALTER TABLE meeting_counts SET (fillfactor = 70);
ALTER TABLE meeting_country_totals SET (fillfactor = 70);
ALTER TABLE meeting_country_months SET (fillfactor = 70);
ALTER TABLE meeting_month_counts SET (fillfactor = 70);

CREATE OR REPLACE FUNCTION count_positions_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE position_counts c SET n = c.n - g.n
    FROM (SELECT actor, topic, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3, 4) g
    WHERE c.actor = g.actor AND c.topic = g.topic AND c.stance = g.stance AND c.month = g.month;
    UPDATE position_totals c SET n = c.n - g.n, evidence = c.evidence - g.evidence
    FROM (SELECT actor, topic, stance, count(*) AS n, sum(evidence) AS evidence FROM old_rows GROUP BY 1, 2, 3) g
    WHERE c.actor = g.actor AND c.topic = g.topic AND c.stance = g.stance;
    UPDATE position_topic_months c SET n = c.n - g.n
    FROM (SELECT topic, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3) g
    WHERE c.topic = g.topic AND c.stance = g.stance AND c.month = g.month;
    UPDATE position_actor_months c SET n = c.n - g.n
    FROM (SELECT actor, stance, date_trunc('month', stated_on)::date AS month, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3) g
    WHERE c.actor = g.actor AND c.stance = g.stance AND c.month = g.month;

    -- Separate statements: one statement cannot both update and delete a row.
    DELETE FROM position_counts c
    USING (SELECT DISTINCT actor, topic, stance, date_trunc('month', stated_on)::date AS month FROM old_rows) g
    WHERE c.actor = g.actor AND c.topic = g.topic AND c.stance = g.stance AND c.month = g.month AND c.n <= 0;
    DELETE FROM position_totals c USING (SELECT DISTINCT actor, topic, stance FROM old_rows) g
    WHERE c.actor = g.actor AND c.topic = g.topic AND c.stance = g.stance AND c.n <= 0;
    DELETE FROM position_topic_months c
    USING (SELECT DISTINCT topic, stance, date_trunc('month', stated_on)::date AS month FROM old_rows) g
    WHERE c.topic = g.topic AND c.stance = g.stance AND c.month = g.month AND c.n <= 0;
    DELETE FROM position_actor_months c
    USING (SELECT DISTINCT actor, stance, date_trunc('month', stated_on)::date AS month FROM old_rows) g
    WHERE c.actor = g.actor AND c.stance = g.stance AND c.month = g.month AND c.n <= 0;
    RETURN NULL;
END $$;

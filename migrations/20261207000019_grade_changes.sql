-- The changes feed reports grade changes (issue 17): a supporting position whose
-- wording sets a higher or lower step of its topic's grades than the position just
-- before it on the same actor and topic ("pursues the one-China policy", then
-- "opposes Taiwan independence") is `grade_raised` or `grade_lowered`, with the
-- step before it in `previous_grade`. Both positions must be graded; a first
-- position or a reversal stays what it was. Stored positions have no grades until
-- reprocessed, and reprocessing writes verdicts anew, so nothing is backfilled.
ALTER TABLE positions DROP CONSTRAINT positions_change_check;
ALTER TABLE positions
    ADD CONSTRAINT positions_change_check CHECK (change IN ('first_stated', 'reversal', 'grade_raised', 'grade_lowered')),
    ADD COLUMN previous_grade text;

-- The verdict's CASEs are written out in both functions below, not called as a
-- function: a SQL function with OUT columns is not inlined, and calling it for
-- each new position and its successor cost ingestion 17% (PostgreSQL CPU 1.05 ->
-- 1.3 ms an article on bench/ingest.sh).
CREATE OR REPLACE FUNCTION mark_position_changes(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE positions p SET change = v.change, previous_stance = v.previous_stance, previous_grade = v.previous_grade
    FROM (
        SELECT p.id,
               CASE WHEN prev.stance IS NULL THEN 'first_stated'
                    WHEN prev.stance <> p.stance THEN 'reversal'
                    WHEN p.grade_rank > prev.grade_rank THEN 'grade_raised'
                    WHEN p.grade_rank < prev.grade_rank THEN 'grade_lowered' END AS change,
               CASE WHEN prev.stance <> p.stance THEN prev.stance END AS previous_stance,
               CASE WHEN prev.stance = p.stance AND p.grade_rank <> prev.grade_rank THEN prev.grade END AS previous_grade
        FROM positions p
        LEFT JOIN LATERAL (
            SELECT q.stance, q.grade, q.grade_rank FROM positions q
            WHERE q.actor = p.actor AND q.topic = p.topic AND (q.stated_on, q.id) < (p.stated_on, p.id)
            ORDER BY q.stated_on DESC, q.id DESC LIMIT 1
        ) prev ON true
        WHERE p.id = ANY (ids)
    ) v
    WHERE p.id = v.id
      AND (p.change IS DISTINCT FROM v.change OR p.previous_stance IS DISTINCT FROM v.previous_stance
           OR p.previous_grade IS DISTINCT FROM v.previous_grade)
$$;

-- As migration 9 wrote it, the verdicts now with grades.
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
        SELECT id, actor, topic, stated_on, stance, grade, grade_rank, change, previous_stance, previous_grade
        FROM positions WHERE article_id = ANY (articles)
    ), verdicts AS (
        -- Each new position against the one before it on its actor and topic.
        SELECT m.id, before.stance AS before, before.grade AS before_grade, before.grade_rank AS before_rank,
               m.stance, m.grade_rank AS rank, m.change AS was, m.previous_stance AS was_previous,
               m.previous_grade AS was_previous_grade
        FROM mine m
        LEFT JOIN LATERAL (
            SELECT q.stance, q.grade, q.grade_rank FROM positions q
            WHERE q.actor = m.actor AND q.topic = m.topic AND (q.stated_on, q.id) < (m.stated_on, m.id)
            ORDER BY q.stated_on DESC, q.id DESC LIMIT 1
        ) before ON true
        UNION ALL
        -- The stored position right after each, which now follows a new one.
        SELECT after.id, m.stance, m.grade, m.grade_rank, after.stance, after.grade_rank, after.change,
               after.previous_stance, after.previous_grade
        FROM mine m
        CROSS JOIN LATERAL (
            SELECT q.id, q.stance, q.grade_rank, q.article_id, q.change, q.previous_stance, q.previous_grade
            FROM positions q
            WHERE q.actor = m.actor AND q.topic = m.topic AND (q.stated_on, q.id) > (m.stated_on, m.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) after
        WHERE after.article_id <> ALL (articles)
    ), judged AS (
        SELECT id, was, was_previous, was_previous_grade,
               CASE WHEN before IS NULL THEN 'first_stated'
                    WHEN before <> stance THEN 'reversal'
                    WHEN rank > before_rank THEN 'grade_raised'
                    WHEN rank < before_rank THEN 'grade_lowered' END AS change,
               CASE WHEN before <> stance THEN before END AS previous_stance,
               CASE WHEN before = stance AND rank <> before_rank THEN before_grade END AS previous_grade
        FROM verdicts
    ), moved AS (
        -- The few rows to write, each found by its key (store::extraction
        -- turns hash joins off for the write path).
        SELECT id, change, previous_stance, previous_grade FROM judged
        WHERE was IS DISTINCT FROM change OR was_previous IS DISTINCT FROM previous_stance
           OR was_previous_grade IS DISTINCT FROM previous_grade
    )
    UPDATE positions p SET change = moved.change, previous_stance = moved.previous_stance,
                           previous_grade = moved.previous_grade
    FROM moved WHERE p.id = moved.id;
$$;

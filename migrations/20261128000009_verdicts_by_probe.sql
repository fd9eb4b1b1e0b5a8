-- Change verdicts were written by joining every verdict a batch computed
-- (about two per new position) to the positions table. Most verdicts change
-- nothing: a new position stated like its predecessor has no verdict, as it
-- was inserted. The planner hashed the whole positions table for that join on
-- every batch (200,000 rows at 20,000 articles, spilling to disk): a cost that
-- grew with the archive. Verdicts are now compared with the row's current one
-- first (new rows carry none yet; a successor's comes with its probe), and
-- only the few that differ are written, each found by its key.
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
        SELECT id, actor, topic, stated_on, stance, change, previous_stance
        FROM positions WHERE article_id = ANY (articles)
    ), verdicts AS (
        -- Each new position against the one before it on its actor and topic.
        SELECT m.id, before.stance AS before, m.stance, m.change AS was, m.previous_stance AS was_previous
        FROM mine m
        LEFT JOIN LATERAL (
            SELECT q.stance FROM positions q
            WHERE q.actor = m.actor AND q.topic = m.topic AND (q.stated_on, q.id) < (m.stated_on, m.id)
            ORDER BY q.stated_on DESC, q.id DESC LIMIT 1
        ) before ON true
        UNION ALL
        -- The stored position right after each, which now follows a new one.
        SELECT after.id, m.stance, after.stance, after.change, after.previous_stance FROM mine m
        CROSS JOIN LATERAL (
            SELECT q.id, q.stance, q.article_id, q.change, q.previous_stance FROM positions q
            WHERE q.actor = m.actor AND q.topic = m.topic AND (q.stated_on, q.id) > (m.stated_on, m.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) after
        WHERE after.article_id <> ALL (articles)
    ), judged AS (
        SELECT id, was, was_previous,
               CASE WHEN before IS NULL THEN 'first_stated' WHEN before <> stance THEN 'reversal' END AS change,
               CASE WHEN before <> stance THEN before END AS previous_stance
        FROM verdicts
    ), moved AS (
        -- The few rows to write, each found by its key (store::extraction
        -- turns hash joins off for the write path).
        SELECT id, change, previous_stance FROM judged
        WHERE was IS DISTINCT FROM change OR was_previous IS DISTINCT FROM previous_stance
    )
    UPDATE positions p SET change = moved.change, previous_stance = moved.previous_stance
    FROM moved WHERE p.id = moved.id;
$$;

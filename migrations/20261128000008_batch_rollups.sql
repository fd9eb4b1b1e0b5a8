-- Concurrent batches used to queue behind each other for their whole
-- transaction: the insert triggers of statements and positions updated rollup
-- rows every batch shares (a state's totals, a topic's months), and those rows
-- stay locked until commit. Now a batch writes its own rows first, in parallel
-- with other batches, and only then, one batch at a time (store::lock_shared_rows),
-- the rows it shares: rollups, change verdicts, meetings, people's tallies.
-- Deletes keep their triggers; they take the same turn first.

DROP TRIGGER positions_counted_in ON positions;
DROP TRIGGER statements_counted_in ON statements;
DROP TRIGGER positions_changes_in ON positions;
DROP FUNCTION count_positions_in();
DROP FUNCTION count_statements_in();
DROP FUNCTION note_position_changes_in();

-- Writers already take turns; the per-pair locks of migration 7 are redundant.
CREATE OR REPLACE FUNCTION note_position_changes_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_position_changes(ARRAY(
        SELECT next.id FROM old_rows o CROSS JOIN LATERAL (
            SELECT q.id FROM positions q
            WHERE q.actor = o.actor AND q.topic = o.topic AND (q.stated_on, q.id) > (o.stated_on, o.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) next));
    RETURN NULL;
END $$;
DROP FUNCTION lock_position_pairs(text[]);

-- Counts the statements and positions of newly stored articles into the
-- rollups, and gives their positions (and the position after each) a verdict.
CREATE FUNCTION count_new_articles(articles bigint[]) RETURNS void LANGUAGE sql AS $$
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

    SELECT mark_position_changes(ARRAY(
        SELECT id FROM positions WHERE article_id = ANY (articles)
        UNION
        SELECT next.id FROM positions n CROSS JOIN LATERAL (
            SELECT q.id FROM positions q
            WHERE q.actor = n.actor AND q.topic = n.topic AND (q.stated_on, q.id) > (n.stated_on, n.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) next
        WHERE n.article_id = ANY (articles)));
$$;

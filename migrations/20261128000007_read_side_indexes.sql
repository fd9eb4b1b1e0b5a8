-- Read-side structures kept at write time, for the queries issue 4's benchmark
-- found slow at 100k articles: the changes feed, meetings by state (list and
-- stats) and officials by title. And the rollups move out of the statement and
-- position insert triggers into one step a batch runs last.
--
-- Why the last part: concurrent batches used to queue behind each other for
-- their whole transaction, because the insert triggers updated rollup rows
-- every batch shares (a state's totals, a topic's months), and those stay
-- locked until commit. Now a batch writes its own rows first, in parallel with
-- other batches, and only then, one batch at a time (store::lock_shared_rows),
-- the rows it shares: rollups, change verdicts, meetings, people's tallies,
-- through count_new_articles. Deletes keep their triggers and take the same
-- turn first.

DROP TRIGGER positions_counted_in ON positions;
DROP TRIGGER statements_counted_in ON statements;
DROP FUNCTION count_positions_in();
DROP FUNCTION count_statements_in();

-- 1. The changes feed. A position is a change when it is the first of its
-- (actor, topic) in (stated_on, id) order, or when its stance differs from the
-- one just before it. Computing that per request meant a window over every
-- position since `since`; now each position carries its verdict.
ALTER TABLE positions
    ADD COLUMN change text CHECK (change IN ('first_stated', 'reversal')),
    ADD COLUMN previous_stance text CHECK (previous_stance IN ('support', 'oppose'));

UPDATE positions p SET change = w.change, previous_stance = w.previous_stance
FROM (
    SELECT id,
           CASE WHEN prev IS NULL THEN 'first_stated' WHEN prev <> stance THEN 'reversal' END AS change,
           CASE WHEN prev <> stance THEN prev END AS previous_stance
    FROM (SELECT id, stance, lag(stance) OVER (PARTITION BY actor, topic ORDER BY stated_on, id) AS prev
          FROM positions) ordered
) w
WHERE p.id = w.id AND w.change IS NOT NULL;

CREATE INDEX positions_changes ON positions (stated_on DESC, id DESC) WHERE change IS NOT NULL;

-- Recomputes the verdict of the given positions from the position just before
-- each; only rows whose verdict moves are written.
CREATE FUNCTION mark_position_changes(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE positions p SET change = v.change, previous_stance = v.previous_stance
    FROM (
        SELECT p.id,
               CASE WHEN prev.stance IS NULL THEN 'first_stated'
                    WHEN prev.stance <> p.stance THEN 'reversal' END AS change,
               CASE WHEN prev.stance <> p.stance THEN prev.stance END AS previous_stance
        FROM positions p
        LEFT JOIN LATERAL (
            SELECT q.stance FROM positions q
            WHERE q.actor = p.actor AND q.topic = p.topic AND (q.stated_on, q.id) < (p.stated_on, p.id)
            ORDER BY q.stated_on DESC, q.id DESC LIMIT 1
        ) prev ON true
        WHERE p.id = ANY (ids)
    ) v
    WHERE p.id = v.id
      AND (p.change IS DISTINCT FROM v.change OR p.previous_stance IS DISTINCT FROM v.previous_stance)
$$;

-- The position right after (stated_on, id) on the same actor and topic, whose
-- predecessor changes when a position arrives or goes there.
CREATE FUNCTION position_after(actor text, topic text, stated_on date, id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT q.id FROM positions q
    WHERE q.actor = $1 AND q.topic = $2 AND (q.stated_on, q.id) > ($3, $4)
    ORDER BY q.stated_on, q.id LIMIT 1
$$;

CREATE FUNCTION note_position_changes_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_position_changes(ARRAY(
        SELECT position_after(o.actor, o.topic, o.stated_on, o.id) FROM old_rows o));
    RETURN NULL;
END $$;
CREATE TRIGGER positions_changes_out AFTER DELETE ON positions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_position_changes_out();

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
        SELECT position_after(actor, topic, stated_on, id) FROM positions WHERE article_id = ANY (articles)));
$$;

-- 2. Meetings per state: one row per (meeting, state involved), in the order
-- meeting lists are read, and counts for the stats in the smallest table that
-- holds a query's dimensions: per state and kind, per state and month, per
-- state, month and kind, and per month and kind.
CREATE TABLE meeting_countries (
    country    char(2) NOT NULL,
    meeting_id bigint  NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    sort_on    date    NOT NULL,
    PRIMARY KEY (country, meeting_id)
);
CREATE INDEX meeting_countries_sorted ON meeting_countries (country, sort_on DESC, meeting_id DESC);
CREATE INDEX meeting_countries_meeting ON meeting_countries (meeting_id);

-- Zero rows are left in place rather than deleted, so concurrent writers never
-- race a delete; readers skip them.
CREATE TABLE meeting_counts (
    country char(2) NOT NULL,
    month   date    NOT NULL,
    kind    text    NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (country, month, kind)
);
CREATE TABLE meeting_country_totals (
    country char(2) NOT NULL,
    kind    text    NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (country, kind)
);
CREATE TABLE meeting_country_months (
    country char(2) NOT NULL,
    month   date    NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (country, month)
);
CREATE TABLE meeting_month_counts (
    month date    NOT NULL,
    kind  text    NOT NULL,
    n     integer NOT NULL,
    PRIMARY KEY (month, kind)
);

-- Adds `sign` × the given meetings to every count, rows in key order. A
-- meeting counts once for each state involved.
CREATE FUNCTION count_meetings(rows meetings[], sign integer) RETURNS void LANGUAGE sql AS $$
    WITH counted AS (
        SELECT c AS country, date_trunc('month', m.sort_on)::date AS month, m.kind
        FROM unnest(rows) m CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(m.countries) AS c) cs
    ),
    by_month_and_kind AS (
        INSERT INTO meeting_counts (country, month, kind, n)
        SELECT country, month, kind, sign * count(*) FROM counted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (country, month, kind) DO UPDATE SET n = meeting_counts.n + EXCLUDED.n
    ),
    by_month AS (
        INSERT INTO meeting_country_months (country, month, n)
        SELECT country, month, sign * count(*) FROM counted GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (country, month) DO UPDATE SET n = meeting_country_months.n + EXCLUDED.n
    ),
    by_kind AS (
        INSERT INTO meeting_country_totals (country, kind, n)
        SELECT country, kind, sign * count(*) FROM counted GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (country, kind) DO UPDATE SET n = meeting_country_totals.n + EXCLUDED.n
    )
    INSERT INTO meeting_month_counts (month, kind, n)
    SELECT date_trunc('month', m.sort_on)::date, m.kind, sign * count(*)
    FROM unnest(rows) m GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, kind) DO UPDATE SET n = meeting_month_counts.n + EXCLUDED.n;
$$;

CREATE FUNCTION index_meeting_countries(rows meetings[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO meeting_countries (country, meeting_id, sort_on)
    SELECT DISTINCT c, m.id, m.sort_on FROM unnest(rows) m CROSS JOIN LATERAL unnest(m.countries) AS c
$$;

-- The meetings already stored, through the same functions the triggers use.
SELECT count_meetings(ARRAY(SELECT m FROM meetings m), 1);
SELECT index_meeting_countries(ARRAY(SELECT m FROM meetings m));

CREATE FUNCTION meetings_counted_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM count_meetings(ARRAY(SELECT ROW(n.*)::meetings FROM new_rows n), 1);
    PERFORM index_meeting_countries(ARRAY(SELECT ROW(n.*)::meetings FROM new_rows n));
    RETURN NULL;
END $$;

-- Rows of meeting_countries go with their meeting (foreign key cascade).
CREATE FUNCTION meetings_counted_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM count_meetings(ARRAY(SELECT ROW(o.*)::meetings FROM old_rows o), -1);
    RETURN NULL;
END $$;

-- Merging reports updates meetings often (source counts); only changes of
-- states, day or kind move the counts and the per-state rows.
CREATE FUNCTION meetings_counted_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved bigint[];
BEGIN
    moved := ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.countries IS DISTINCT FROM n.countries OR o.sort_on <> n.sort_on OR o.kind <> n.kind);
    IF cardinality(moved) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM count_meetings(ARRAY(SELECT ROW(o.*)::meetings FROM old_rows o WHERE o.id = ANY (moved)), -1);
    PERFORM count_meetings(ARRAY(SELECT ROW(n.*)::meetings FROM new_rows n WHERE n.id = ANY (moved)), 1);
    DELETE FROM meeting_countries WHERE meeting_id = ANY (moved);
    PERFORM index_meeting_countries(ARRAY(SELECT ROW(n.*)::meetings FROM new_rows n WHERE n.id = ANY (moved)));
    RETURN NULL;
END $$;

CREATE TRIGGER meetings_counted_in AFTER INSERT ON meetings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_counted_in();
CREATE TRIGGER meetings_counted_out AFTER DELETE ON meetings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_counted_out();
CREATE TRIGGER meetings_counted_update AFTER UPDATE ON meetings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_counted_update();

-- 3. Officials by title, in name order: the title spans carry the person's
-- name key, so the list walks one index instead of sorting every holder.
ALTER TABLE official_title_spans ADD COLUMN name_key text;
UPDATE official_title_spans s SET name_key = o.name_key FROM officials o WHERE o.id = s.official_id;
ALTER TABLE official_title_spans ALTER COLUMN name_key SET NOT NULL;
CREATE INDEX official_title_spans_by_name ON official_title_spans (lower(title), name_key, official_id);

CREATE FUNCTION title_span_name_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_key := (SELECT name_key FROM officials WHERE id = NEW.official_id);
    RETURN NEW;
END $$;
CREATE TRIGGER official_title_spans_name_key BEFORE INSERT ON official_title_spans
    FOR EACH ROW EXECUTE FUNCTION title_span_name_key();

-- Read-side structures kept at write time, for the queries issue 4's benchmark
-- found slow at 100k articles: the changes feed, meetings by country (list and
-- stats) and officials by title. Each is maintained by triggers, so every write
-- path (ingest, delete, reprocess) keeps it right without knowing about it.

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

-- Writers touching the same (actor, topic) take turns, keys in sorted order so
-- they cannot deadlock. The lock is taken before the verdicts are read, and in
-- READ COMMITTED the next statement sees what the previous holder committed.
CREATE FUNCTION lock_position_pairs(pairs text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    key integer;
BEGIN
    FOR key IN SELECT DISTINCT hashtext(pair) FROM unnest(pairs) AS pair ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(1346, key);
    END LOOP;
END $$;

-- New positions get a verdict, and so does the position right after each,
-- whose predecessor may now be the new one.
CREATE FUNCTION note_position_changes_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_position_pairs(ARRAY(SELECT actor || '|' || topic FROM new_rows));
    PERFORM mark_position_changes(ARRAY(
        SELECT id FROM new_rows
        UNION
        SELECT next.id FROM new_rows n CROSS JOIN LATERAL (
            SELECT q.id FROM positions q
            WHERE q.actor = n.actor AND q.topic = n.topic AND (q.stated_on, q.id) > (n.stated_on, n.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) next));
    RETURN NULL;
END $$;

-- The position after a removed one has a new predecessor.
CREATE FUNCTION note_position_changes_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_position_pairs(ARRAY(SELECT actor || '|' || topic FROM old_rows));
    PERFORM mark_position_changes(ARRAY(
        SELECT next.id FROM old_rows o CROSS JOIN LATERAL (
            SELECT q.id FROM positions q
            WHERE q.actor = o.actor AND q.topic = o.topic AND (q.stated_on, q.id) > (o.stated_on, o.id)
            ORDER BY q.stated_on, q.id LIMIT 1
        ) next));
    RETURN NULL;
END $$;

CREATE TRIGGER positions_changes_in AFTER INSERT ON positions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_position_changes_in();
CREATE TRIGGER positions_changes_out AFTER DELETE ON positions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_position_changes_out();

-- 2. Meetings per state: one row per (meeting, state involved), in the order
-- meeting lists are read, and counts per state, month and kind for the stats.
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
CREATE TABLE meeting_month_counts (
    month date    NOT NULL,
    kind  text    NOT NULL,
    n     integer NOT NULL,
    PRIMARY KEY (month, kind)
);

INSERT INTO meeting_countries
SELECT DISTINCT c, m.id, m.sort_on FROM meetings m CROSS JOIN LATERAL unnest(m.countries) AS c;
INSERT INTO meeting_counts
SELECT c, date_trunc('month', m.sort_on)::date, m.kind, count(*)
FROM meetings m CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(m.countries) AS c) cs GROUP BY 1, 2, 3;
INSERT INTO meeting_month_counts
SELECT date_trunc('month', sort_on)::date, kind, count(*) FROM meetings GROUP BY 1, 2;

-- Adds `sign` × the given meetings to the counts, rows in key order.
CREATE FUNCTION count_meetings(rows meetings[], sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO meeting_counts (country, month, kind, n)
    SELECT c, date_trunc('month', m.sort_on)::date, m.kind, sign * count(*)
    FROM unnest(rows) m CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(m.countries) AS c) cs
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (country, month, kind) DO UPDATE SET n = meeting_counts.n + EXCLUDED.n;
    INSERT INTO meeting_month_counts (month, kind, n)
    SELECT date_trunc('month', m.sort_on)::date, m.kind, sign * count(*)
    FROM unnest(rows) m GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, kind) DO UPDATE SET n = meeting_month_counts.n + EXCLUDED.n;
$$;

CREATE FUNCTION index_meeting_countries(rows meetings[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO meeting_countries (country, meeting_id, sort_on)
    SELECT DISTINCT c, m.id, m.sort_on FROM unnest(rows) m CROSS JOIN LATERAL unnest(m.countries) AS c
$$;

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

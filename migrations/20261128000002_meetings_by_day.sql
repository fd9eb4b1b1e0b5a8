-- Merging a new report into a meeting looks for meetings within a day of it:
-- a range on this index stays small however often its participants meet.
CREATE INDEX meetings_day ON meetings (date, kind);

-- Concurrent ingests must lock rollup rows in the same order, or they deadlock.
CREATE OR REPLACE FUNCTION count_positions_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO position_counts (actor, topic, stance, month, n)
    SELECT actor, topic, stance, date_trunc('month', stated_on)::date, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (actor, topic, stance, month) DO UPDATE SET n = position_counts.n + EXCLUDED.n;
    RETURN NULL;
END $$;

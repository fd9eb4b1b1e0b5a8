-- Meetings per state and month, all kinds together: what a per-state timeline
-- (`GET /v1/stats/meetings?group_by=country,month`) reads. Summing the
-- per-kind rollup (70k rows at 100k articles) per request missed the target.
CREATE TABLE meeting_country_months (
    country char(2) NOT NULL,
    month   date    NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (country, month)
);
INSERT INTO meeting_country_months SELECT country, month, sum(n) FROM meeting_counts GROUP BY 1, 2;

CREATE OR REPLACE FUNCTION count_meetings(rows meetings[], sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO meeting_counts (country, month, kind, n)
    SELECT c, date_trunc('month', m.sort_on)::date, m.kind, sign * count(*)
    FROM unnest(rows) m CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(m.countries) AS c) cs
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (country, month, kind) DO UPDATE SET n = meeting_counts.n + EXCLUDED.n;
    INSERT INTO meeting_country_months (country, month, n)
    SELECT c, date_trunc('month', m.sort_on)::date, sign * count(*)
    FROM unnest(rows) m CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(m.countries) AS c) cs
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (country, month) DO UPDATE SET n = meeting_country_months.n + EXCLUDED.n;
    INSERT INTO meeting_country_totals (country, kind, n)
    SELECT c, m.kind, sign * count(*)
    FROM unnest(rows) m CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(m.countries) AS c) cs
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (country, kind) DO UPDATE SET n = meeting_country_totals.n + EXCLUDED.n;
    INSERT INTO meeting_month_counts (month, kind, n)
    SELECT date_trunc('month', m.sort_on)::date, m.kind, sign * count(*)
    FROM unnest(rows) m GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, kind) DO UPDATE SET n = meeting_month_counts.n + EXCLUDED.n;
$$;

-- A new meeting was inserted half-filled (kind, date) so its reports could
-- reference it, then completed by an UPDATE from those reports: every new
-- meeting was written twice, into four indexes each time (one of them GIN),
-- and counted into the meeting rollups, out, and in again. Reports now go in
-- first, their meeting's key checked at commit, and the meeting is inserted
-- once, whole, from the same summary that refreshes stored meetings.
ALTER TABLE meeting_reports ALTER CONSTRAINT meeting_reports_meeting_id_fkey DEFERRABLE INITIALLY DEFERRED;

-- What a meeting is, from its reports: kind of the first report, earliest
-- date, first location given, states involved, number of sources. Meetings
-- with no report left yield no row. Each meeting is summed from its own rows
-- by index (LATERAL): as plain joins the planner hashed whole tables
-- (articles, participants, officials) whenever its estimates lagged a bulk load.
CREATE FUNCTION meeting_summaries(ids bigint[])
RETURNS TABLE (id bigint, kind text, date date, location text, location_country char(2), sort_on date,
               sources integer, countries char(2)[])
LANGUAGE sql STABLE AS $$
    SELECT ids.id, s.kind, s.date, s.location, s.location_country, coalesce(s.date, s.reported_on),
           s.sources, coalesce(c.countries, '{}')
    FROM unnest(ids) AS ids(id)
    CROSS JOIN LATERAL (
        SELECT (array_agg(r.kind ORDER BY r.id))[1] AS kind,
               min(r.date) AS date,
               min(a.reported_on) AS reported_on,
               count(DISTINCT r.article_id)::integer AS sources,
               (array_agg(r.location ORDER BY r.id) FILTER (WHERE r.location IS NOT NULL))[1] AS location,
               (array_agg(r.location_country ORDER BY r.id) FILTER (WHERE r.location IS NOT NULL))[1]
                   AS location_country
        FROM meeting_reports r JOIN articles a ON a.id = r.article_id
        WHERE r.meeting_id = ids.id
        HAVING count(*) > 0
    ) s
    CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT country ORDER BY country) AS countries FROM (
            SELECT o.country FROM meeting_participants p JOIN officials o ON o.id = p.official_id
            WHERE p.meeting_id = ids.id
            UNION ALL
            SELECT r.location_country FROM meeting_reports r WHERE r.meeting_id = ids.id
        ) x WHERE country IS NOT NULL
    ) c
$$;

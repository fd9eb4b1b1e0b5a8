-- GET /v1/meetings?country=KZ
SELECT m.id, m.kind, m.date, m.sort_on, m.location, m.location_country::text AS location_country,
    m.countries::text[] AS countries, m.sources,
    coalesce((SELECT json_agg(x ORDER BY x.name) FROM (
        SELECT DISTINCT o.id, o.name, o.country FROM meeting_participants p JOIN officials o ON o.id = p.official_id
        WHERE p.meeting_id = m.id) x), '[]') AS participants
FROM meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id
WHERE true AND mc.country = 'KZ'::bpchar
ORDER BY mc.sort_on DESC, mc.meeting_id DESC LIMIT 51;

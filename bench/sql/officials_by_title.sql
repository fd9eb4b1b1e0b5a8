-- GET /v1/officials?title=foreign%20minister
SELECT o.id, o.name, o.name_key, o.country::text AS country, o.org, o.articles,
    o.first_seen, o.last_seen,
    ARRAY(SELECT t.title FROM official_title_spans t WHERE t.official_id = o.id
          ORDER BY t.last_seen DESC, t.title) AS titles
FROM official_title_spans t JOIN officials o ON o.id = t.official_id
WHERE o.articles > 0 AND (NULL::text IS NULL OR o.country = NULL::bpchar)
  AND (NULL::text IS NULL OR o.name_key LIKE '%' || NULL || '%')
  AND lower(t.title) = lower('foreign minister')
  AND (NULL::text IS NULL OR (t.name_key, t.official_id) > (NULL, NULL))
ORDER BY t.name_key, t.official_id
LIMIT 51;

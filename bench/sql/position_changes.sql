-- GET /v1/positions/changes?since=2024-01-01
SELECT p.id, p.article_id, a.title AS article_title, a.source AS article_source,
    a.url AS article_url, p.actor, p.actor_kind, p.topic, p.stance, p.official_id, o.name AS speaker_name, p.stated_on,
    (SELECT json_agg(json_build_object('statement_id', e.statement_id, 'text', s.text,
                                       'start', e.span_start, 'end', e.span_end) ORDER BY e.ord)
     FROM position_evidence e JOIN statements s ON s.id = e.statement_id WHERE e.position_id = p.id) AS evidence,
    p.change, p.previous_stance
FROM positions p JOIN articles a ON a.id = p.article_id
LEFT JOIN officials o ON o.id = p.official_id
WHERE p.change IS NOT NULL AND p.stated_on >= '2024-01-01'
ORDER BY p.stated_on DESC, p.id DESC LIMIT 51;

-- Ingestion knows each person's name key and now writes it with their title
-- spans. The trigger that looked it up ran PL/pgSQL once per row (about 15 µs
-- each, four or five rows an article); it stays for writers that leave the
-- key out (officials::refresh), and the WHEN clause keeps it from being called
-- at all otherwise.
DROP TRIGGER official_title_spans_name_key ON official_title_spans;
CREATE TRIGGER official_title_spans_name_key BEFORE INSERT ON official_title_spans
    FOR EACH ROW WHEN (NEW.name_key IS NULL) EXECUTE FUNCTION title_span_name_key();

-- A span's name key is now written by the application: the view of broken
-- references reports any that differs from its person's.
CREATE OR REPLACE VIEW broken_references (reference, broken) AS
SELECT 'statements.speaker_id', count(*) FROM statements s
    LEFT JOIN article_officials x ON x.id = s.speaker_id AND x.article_id = s.article_id
    WHERE s.speaker_id IS NOT NULL AND (x.id IS NULL OR x.official_id IS DISTINCT FROM s.official_id)
UNION ALL
SELECT 'statements.country', count(*) FROM statements s
    WHERE s.country IS NOT NULL AND NOT EXISTS (SELECT 1 FROM countries c WHERE c.code = s.country)
UNION ALL
SELECT 'positions.speaker_id', count(*) FROM positions p
    LEFT JOIN article_officials x ON x.id = p.speaker_id AND x.article_id = p.article_id
    WHERE p.speaker_id IS NOT NULL AND (x.id IS NULL OR x.official_id IS DISTINCT FROM p.official_id)
UNION ALL
SELECT 'position_evidence.statement_id', count(*) FROM position_evidence e
    JOIN positions p ON p.id = e.position_id
    LEFT JOIN statements s ON s.id = e.statement_id AND s.article_id = p.article_id
    WHERE s.id IS NULL
UNION ALL
SELECT 'position_evidence.speaker_id', count(*) FROM position_evidence e
    JOIN positions p ON p.id = e.position_id
    LEFT JOIN article_officials x ON x.id = e.speaker_id AND x.article_id = p.article_id
    WHERE e.speaker_id IS NOT NULL AND x.id IS NULL
UNION ALL
SELECT 'official_titles.article_official_id', count(*) FROM official_titles t
    LEFT JOIN article_officials x ON x.id = t.article_official_id AND x.article_id = t.article_id
    WHERE x.id IS NULL OR x.official_id <> t.official_id
UNION ALL
SELECT 'meeting_participants.article_official_id', count(*) FROM meeting_participants m
    JOIN meeting_reports r ON r.id = m.report_id
    LEFT JOIN article_officials x ON x.id = m.article_official_id AND x.article_id = r.article_id
    WHERE x.id IS NULL OR x.official_id <> m.official_id OR m.meeting_id <> r.meeting_id
UNION ALL
SELECT 'meeting_reports.host_id', count(*) FROM meeting_reports r
    LEFT JOIN article_officials x ON x.id = r.host_id AND x.article_id = r.article_id
    WHERE r.host_id IS NOT NULL AND x.id IS NULL
UNION ALL
SELECT 'official_title_spans.name_key', count(*) FROM official_title_spans t
    JOIN officials o ON o.id = t.official_id
    WHERE t.name_key <> o.name_key;

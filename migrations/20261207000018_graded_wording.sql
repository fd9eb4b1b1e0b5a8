-- Graded wording (issue 17): a topic may list steps of support, weakest first
-- ([{"slug", "label", "patterns"}]), and each position records the step its
-- wording sets: the strongest of its evidence's. The store seeds the default
-- topics' grades (data/topics.json) into rows that have none; articles read
-- before are stale for the extractor, so `POST /v1/reprocess` grades them.
ALTER TABLE topics ADD COLUMN grades jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(grades) = 'array');

ALTER TABLE positions
    ADD COLUMN grade text,
    ADD COLUMN grade_rank smallint CHECK (grade_rank > 0),
    ADD CONSTRAINT positions_grade_whole CHECK ((grade IS NULL) = (grade_rank IS NULL));

-- Each evidence's own step and the wording that set it (offsets in the article's text).
ALTER TABLE position_evidence
    ADD COLUMN grade text,
    ADD COLUMN grade_rank smallint CHECK (grade_rank > 0),
    ADD COLUMN grade_start integer,
    ADD COLUMN grade_end integer,
    ADD CONSTRAINT position_evidence_grade_whole
        CHECK ((grade IS NULL) = (grade_rank IS NULL) AND (grade IS NULL) = (grade_start IS NULL)
               AND (grade IS NULL) = (grade_end IS NULL));

-- `GET /v1/positions?grade=`: graded positions are few; newest first, as lists read.
CREATE INDEX positions_grade ON positions (grade, stated_on DESC, id DESC) WHERE grade IS NOT NULL;

-- GET /v1/countries/{code}/positions: per topic, the strongest grade (first reached)
-- and the latest, each by one probe of the state's few graded positions.
CREATE INDEX positions_strongest_grade ON positions (actor, topic, grade_rank DESC, stated_on, id) WHERE grade IS NOT NULL;
CREATE INDEX positions_latest_grade ON positions (actor, topic, stated_on DESC, id DESC) WHERE grade IS NOT NULL;

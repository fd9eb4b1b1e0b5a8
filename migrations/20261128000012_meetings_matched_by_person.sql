-- A new report was matched against every stored meeting within a day of it
-- (meetings_day), each one's participants counted by its own probe: with an
-- archive's worth of meetings that is dozens of candidates per report, and
-- the cost grew with how many meetings a day the archive holds (at 60,000
-- articles it was a quarter of the write path). A match needs a shared
-- participant anyway, so candidates now come from the participants: each
-- participant row carries its report's day, and the new report's people are
-- looked up by (person, day), a handful of rows however large the archive.
-- The rule reads as the in-batch one always did: reports of the same people
-- within a day of each other.
ALTER TABLE meeting_participants ADD COLUMN day date;
UPDATE meeting_participants p SET day = r.date FROM meeting_reports r WHERE r.id = p.report_id AND r.date IS NOT NULL;
-- Reports with no date never match, so their participants are left out.
CREATE INDEX meeting_participants_person_day ON meeting_participants (official_id, day) INCLUDE (meeting_id)
    WHERE day IS NOT NULL;
-- The day index on meetings served only the old match; no read uses it.
DROP INDEX meetings_day;

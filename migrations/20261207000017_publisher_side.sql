-- Each source's side (issue 17): the state its publisher speaks for (a state
-- agency, a government site or a ministry), as the extractor reads it from the
-- source, the URL and the dateline's agency; null for private wires and
-- newspapers. Comparing two governments' readouts of one meeting starts here.
-- Articles stored before this column are stale for the extractor version that
-- writes it, so `POST /v1/reprocess` fills it in.
-- No foreign key: the code comes from the gazetteer the countries table is seeded
-- from, and a reference check per inserted article (a KEY SHARE lock on a countries
-- row, shared by parallel batches) cost ingestion 7% on bench/ingest.sh.
ALTER TABLE articles ADD COLUMN publisher_country char(2) CHECK (publisher_country ~ '^[A-Z]{2}$');

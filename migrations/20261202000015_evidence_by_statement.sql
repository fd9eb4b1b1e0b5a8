-- Statement lists show each statement's positions, read through its evidence
-- by statement id. Migration 8 dropped this index with the foreign key it
-- served, so every statement of a page scanned the whole evidence table
-- (issue 14: GET /v1/statements took seconds at 100k articles). It serves
-- reads now; tests/plans.rs fails when a list reads a growing table by scan.
-- One more index entry per evidence row on ingest, an id that only grows,
-- appended at the right edge of the tree (bench/README.md has the cost).
CREATE INDEX position_evidence_statement ON position_evidence (statement_id);

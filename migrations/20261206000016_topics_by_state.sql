-- Each statement's topics again under the state it speaks for ("KG/one_china"),
-- so that GET /v1/statements?country=KG&topic=one_china finds its few matches
-- through one GIN key. Before, the list read all of a small state's statements
-- (2,472 for KG at 100k articles) twice to find 62, and missed its p99 target
-- under load (issue 14; bench/README.md has both sides' figures). Stance tags
-- ("one_china:support", ":support") stay state-less: each key costs ingest.
UPDATE statements
SET topics = ARRAY(SELECT DISTINCT tag
                   FROM unnest(topics || ARRAY(SELECT country || '/' || t FROM unnest(topics) t WHERE t NOT LIKE '%:%')) tag
                   ORDER BY tag)
WHERE country IS NOT NULL AND topics <> '{}';

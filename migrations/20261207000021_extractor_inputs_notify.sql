-- Every instance reads new articles with the same topics and actor dictionary
-- (issue 15): a change to either, by any instance or by hand in SQL, notifies
-- the channel `readout_extractor` at commit, and each instance listening on it
-- rebuilds its extractor (`AppState::follow_extractor_inputs`).
--
-- Statement-level triggers with transition tables: a seeding upsert that
-- changes nothing (each server start runs one) wakes no one.
CREATE FUNCTION notify_extractor_inputs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM pg_notify('readout_extractor', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END $$;

-- Three triggers a table: a transition table serves one event only.
DO $$
DECLARE
    input text;
BEGIN
    FOREACH input IN ARRAY ARRAY['topics', 'actors'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_inserted AFTER INSERT ON %1$I REFERENCING NEW TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs()', input);
        EXECUTE format('CREATE TRIGGER %1$s_updated AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs()', input);
        EXECUTE format('CREATE TRIGGER %1$s_deleted AFTER DELETE ON %1$I REFERENCING OLD TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs()', input);
    END LOOP;
END $$;

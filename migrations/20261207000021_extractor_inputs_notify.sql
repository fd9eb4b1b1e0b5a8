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

CREATE TRIGGER topics_inserted AFTER INSERT ON topics
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs();
CREATE TRIGGER topics_updated AFTER UPDATE ON topics
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs();
CREATE TRIGGER topics_deleted AFTER DELETE ON topics
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs();

CREATE TRIGGER actors_inserted AFTER INSERT ON actors
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs();
CREATE TRIGGER actors_updated AFTER UPDATE ON actors
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs();
CREATE TRIGGER actors_deleted AFTER DELETE ON actors
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_extractor_inputs();

-- Source changes bump feed_version at commit under the commit-ordering lock, as item changes do (V7).
--
-- V7's invariant, "feed_version rows are only ever locked by a holder of the ordering lock", was not true: V4's
-- source triggers upserted feed_version in the sources sync's own statement, without the lock. A sync renaming
-- sources A then B, and an item commit (holding the ordering lock) bumping B then A, waited for each other: a
-- deadlock, and PostgreSQL aborted one of them. Now the source triggers are deferred to commit and take the
-- ordering lock first, like item_changed_at_commit: a holder of the lock only ever waits for feed_version rows,
-- and only holders of the lock touch them, so nothing can wait in a circle.
DROP TRIGGER source_added_bumps_feed_version ON source;
DROP TRIGGER source_changed_bumps_feed_version ON source;
DROP FUNCTION feed_version_bump_source();

CREATE FUNCTION source_changed_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM take_commit_ordering_lock();
    -- Bumped once per transaction, however many rows of the source changed in it (xmin is ours after the first).
    INSERT INTO feed_version AS v (source_id, version, changed_at)
    VALUES (NEW.id, nextval('feed_version_seq'), now())
    ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
    WHERE v.xmin <> pg_current_xact_id()::xid;
    PERFORM pg_notify('feed_version', '');
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER source_inserted_at_commit
    AFTER INSERT ON source
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION source_changed_at_commit();

-- A source's name (the items' author), tags (which tag feeds hold it) and time zone (the offsets of its dates)
-- are part of every feed it appears in; the sources file is re-synced on every reload, so only a real change
-- counts.
CREATE CONSTRAINT TRIGGER source_updated_at_commit
    AFTER UPDATE OF name, tags, timezone ON source
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.tags IS DISTINCT FROM NEW.tags
          OR OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION source_changed_at_commit();

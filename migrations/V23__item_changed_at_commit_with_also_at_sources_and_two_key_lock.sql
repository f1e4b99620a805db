-- V12 (issue 13) and V20 (issue 16) were written on two branches at once, and both re-create the commit trigger
-- function: V12 to bump the feed versions of the sources that list an item through item_also_at, V20 to take the
-- commit-ordering lock in its own two-key space. Applied in order, V20 put back V7's body and the alsoAt sources'
-- feeds answered 304 with stale content again. This is both: V12's body, V20's lock.
CREATE OR REPLACE FUNCTION item_changed_at_commit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    event_id bigint;
BEGIN
    PERFORM take_commit_ordering_lock();
    -- An event for a new item, or for a change a reader sees; updated_at moves when alsoAt grows.
    IF TG_OP = 'INSERT' OR OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
            OR OLD.content IS DISTINCT FROM NEW.content OR OLD.updated_at IS DISTINCT FROM NEW.updated_at THEN
        INSERT INTO item_event (item_seq, kind)
        VALUES (NEW.seq, CASE WHEN TG_OP = 'INSERT' THEN 'item' ELSE 'update' END)
        RETURNING id INTO event_id;
        -- The payload is only the id: listeners read the row, so NOTIFY's 8000-byte limit never matters.
        PERFORM pg_notify('item_events', event_id::text);
    END IF;
    -- Any change of an item may change a feed; a source is bumped once per transaction (its row's xmin is ours).
    INSERT INTO feed_version AS v (source_id, version, changed_at)
    VALUES (NEW.source_id, nextval('feed_version_seq'), now())
    ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
    WHERE v.xmin <> pg_current_xact_id()::xid;
    -- A source's feed holds the items it lists that another source stored first (their alsoAt places): a change of
    -- such an item changes that feed too. item_also_at_item finds the places; a new item has none yet.
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO feed_version AS v (source_id, version, changed_at)
        SELECT p.source_id, nextval('feed_version_seq'), now()
        FROM (SELECT DISTINCT source_id FROM item_also_at WHERE item_seq = NEW.seq AND source_id <> NEW.source_id) p
        ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
        WHERE v.xmin <> pg_current_xact_id()::xid;
    END IF;
    -- Wakes every instance's feed cache; identical notifications of one transaction are sent once.
    PERFORM pg_notify('feed_version', '');
    RETURN NULL;
END;
$$;

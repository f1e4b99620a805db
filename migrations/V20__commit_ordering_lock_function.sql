-- The commit-ordering lock (V7) in one place, in advisory-lock space of its own.
--
-- V6/V7 took pg_advisory_xact_lock(7366001): a one-key (bigint) lock, the same key space as the hashed item keys
-- that store/StoryRepository locks (pg_advisory_xact_lock(bigint) of a 64-bit hash), so one item key in 2^64 was
-- the ordering lock. PostgreSQL keeps the two-key form (int, int) apart from the one-key form (pg_locks shows it
-- as objsubid 2 instead of 1), so (7366, 1) can never meet a hashed key. 7366 names County Watch's locks; 1 is
-- the commit-ordering lock. Every trigger that writes item_event or feed_version calls this function first.
CREATE FUNCTION take_commit_ordering_lock() RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(7366, 1)
$$;

-- V7's commit trigger function, unchanged except for the lock it takes.
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
    -- Wakes every instance's feed cache; identical notifications of one transaction are sent once.
    PERFORM pg_notify('feed_version', '');
    RETURN NULL;
END;
$$;

-- Live events for /stream: one row per new or changed item, numbered by a sequence so the order is global and
-- a reconnecting client can say where it stopped (SSE Last-Event-ID). A trigger writes them, so every writer of
-- the item table (pollers, the cross-source merge, manual SQL) produces events without knowing about streams.
CREATE SEQUENCE item_event_id_seq;

CREATE TABLE item_event (
    id          bigint      PRIMARY KEY DEFAULT nextval('item_event_id_seq'),
    item_seq    bigint      NOT NULL REFERENCES item (seq) ON DELETE CASCADE,
    kind        text        NOT NULL CHECK (kind IN ('item', 'update')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE item_event_id_seq OWNED BY item_event.id;

CREATE INDEX item_event_created ON item_event (created_at);

CREATE FUNCTION item_event_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    event_id bigint;
BEGIN
    -- Readers fetch "id > last seen". If two transactions took ids 7 and 8 and 8 committed first, a reader
    -- would skip 7 for ever. This lock (held until commit) makes ids commit in order; item writes are short.
    PERFORM pg_advisory_xact_lock(7366001);
    INSERT INTO item_event (item_seq, kind)
    VALUES (NEW.seq, CASE WHEN TG_OP = 'INSERT' THEN 'item' ELSE 'update' END)
    RETURNING id INTO event_id;
    -- The payload is only the id: listeners read the row, so NOTIFY's 8000-byte limit never matters.
    PERFORM pg_notify('item_events', event_id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER item_event_on_insert
    AFTER INSERT ON item
    FOR EACH ROW EXECUTE FUNCTION item_event_record();

-- updated_at is in the list because the cross-source merge touches it when alsoAt grows.
CREATE TRIGGER item_event_on_update
    AFTER UPDATE ON item
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title
          OR OLD.summary IS DISTINCT FROM NEW.summary
          OR OLD.content IS DISTINCT FROM NEW.content
          OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION item_event_record();

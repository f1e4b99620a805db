-- Feed caches need to know cheaply whether anything in a feed's scope changed. Counting or taking max(updated_at)
-- over a million items per request is not cheap, so every write to item bumps a small per-source counter instead;
-- tag feeds and the all-sources feed derive their version from the counters of the sources they cover.
-- Versions come from one sequence, so the largest version in a scope grows whenever any source in it changes.
CREATE SEQUENCE feed_version_seq;

CREATE TABLE feed_version (
    source_id  text        PRIMARY KEY REFERENCES source (id),
    version    bigint      NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Statement-level with transition tables: a bulk load of a million rows bumps each source once, not a million times.
CREATE FUNCTION feed_version_bump_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed_version AS v (source_id, version, changed_at)
    SELECT source_id, nextval('feed_version_seq'), now() FROM (SELECT DISTINCT source_id FROM changed_items) changed
    ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at;
    IF FOUND THEN
        -- Wakes every instance's feed cache at once; the payload is informational, listeners re-read the table.
        PERFORM pg_notify('feed_version', '');
    END IF;
    RETURN NULL;
END $$;

-- PostgreSQL allows transition tables only on single-event triggers, hence two triggers sharing one function.
CREATE TRIGGER item_inserted_bumps_feed_version
    AFTER INSERT ON item REFERENCING NEW TABLE AS changed_items
    FOR EACH STATEMENT EXECUTE FUNCTION feed_version_bump_items();

CREATE TRIGGER item_updated_bumps_feed_version
    AFTER UPDATE ON item REFERENCING NEW TABLE AS changed_items
    FOR EACH STATEMENT EXECUTE FUNCTION feed_version_bump_items();

-- A source's name (the items' author), tags (which tag feeds hold it) and time zone (the offsets of its dates)
-- are part of every feed it appears in.
CREATE FUNCTION feed_version_bump_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed_version AS v (source_id, version, changed_at)
    VALUES (NEW.id, nextval('feed_version_seq'), now())
    ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at;
    PERFORM pg_notify('feed_version', '');
    RETURN NULL;
END $$;

CREATE TRIGGER source_added_bumps_feed_version
    AFTER INSERT ON source
    FOR EACH ROW EXECUTE FUNCTION feed_version_bump_source();

-- The sources file is re-synced on every reload; only a real change should empty the caches.
CREATE TRIGGER source_changed_bumps_feed_version
    AFTER UPDATE OF name, tags, timezone ON source
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.tags IS DISTINCT FROM NEW.tags
          OR OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION feed_version_bump_source();

-- Keyword search for two-character words. Most Chinese words are two characters (防汛, 招商), and a trigram index
-- cannot serve a pattern shorter than three, which left them a sequential scan. This indexes every two-character
-- substring of title and summary instead (what pg_bigm does, in plain SQL); the query still rechecks with ILIKE,
-- so the index only has to narrow, never decide. lower() matches ILIKE's case folding for Latin text.
CREATE FUNCTION item_bigrams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower($1), i, 2)), '{}')
    FROM generate_series(1, length($1) - 1) AS i
$$;

-- The expression must be repeated exactly in queries (store/ItemSql) for the planner to use the index.
CREATE INDEX item_bigrams ON item USING gin (item_bigrams(title || ' ' || coalesce(summary, '')));

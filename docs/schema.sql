-- The schema migrations/V*.sql build, read from PostgreSQL's catalogs (store/SchemaSnapshotIT).
-- Generated: do not edit. Regenerate with -Dschema.snapshot.update=true (docs/database.md).

-- Extensions
-- none

-- Sequences
CREATE SEQUENCE feed_version_seq AS bigint;
CREATE SEQUENCE item_also_at_id_seq AS bigint;
CREATE SEQUENCE item_event_id_seq AS bigint;
CREATE SEQUENCE item_seq_seq AS bigint;
CREATE SEQUENCE source_change AS bigint;

-- Tables
CREATE TABLE feed_version (
    source_id text NOT NULL,
    version bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT feed_version_source_id_fkey FOREIGN KEY (source_id) REFERENCES source(id),
    CONSTRAINT feed_version_pkey PRIMARY KEY (source_id)
);

CREATE TABLE host_lease (
    politeness_key text NOT NULL,
    lease_owner text,
    lease_until timestamp with time zone,
    free_at timestamp with time zone NOT NULL DEFAULT '-infinity'::timestamp with time zone,
    CONSTRAINT host_lease_pkey PRIMARY KEY (politeness_key)
);

CREATE TABLE item (
    seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    uid uuid NOT NULL DEFAULT gen_random_uuid(),
    source_id text NOT NULL,
    guid text,
    url text NOT NULL,
    title text NOT NULL,
    summary text,
    content text,
    published_at timestamp with time zone NOT NULL,
    date_origin text NOT NULL,
    date_has_time boolean NOT NULL DEFAULT true,
    fetched_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    revision integer NOT NULL DEFAULT 1,
    content_hash text NOT NULL,
    text_fp bigint,
    title_key bigint,
    simhash bigint,
    body_length integer NOT NULL DEFAULT 0,
    title_length integer NOT NULL DEFAULT 0,
    published_day integer,
    title_periods text NOT NULL DEFAULT ''::text,
    body_periods text NOT NULL DEFAULT ''::text,
    bigrams integer[],
    band_keys bigint[],
    lead_prints bigint[],
    CONSTRAINT item_source_id_fkey FOREIGN KEY (source_id) REFERENCES source(id),
    CONSTRAINT item_pkey PRIMARY KEY (seq),
    CONSTRAINT item_source_url UNIQUE (source_id, url),
    CONSTRAINT item_uid_key UNIQUE (uid)
) WITH (fillfactor=80);

CREATE TABLE item_also_at (
    id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    item_seq bigint NOT NULL,
    source_id text NOT NULL,
    url text NOT NULL,
    found_at timestamp with time zone NOT NULL,
    CONSTRAINT item_also_at_item_seq_fkey FOREIGN KEY (item_seq) REFERENCES item(seq) ON DELETE CASCADE,
    CONSTRAINT item_also_at_source_id_fkey FOREIGN KEY (source_id) REFERENCES source(id),
    CONSTRAINT item_also_at_pkey PRIMARY KEY (id),
    CONSTRAINT item_also_at_source_url UNIQUE (source_id, url)
);

CREATE TABLE item_event (
    id bigint NOT NULL DEFAULT nextval('item_event_id_seq'::regclass),
    item_seq bigint NOT NULL,
    kind text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT item_event_kind_check CHECK ((kind = ANY (ARRAY['item'::text, 'update'::text]))),
    CONSTRAINT item_event_pkey PRIMARY KEY (id)
);

CREATE TABLE item_page_check (
    item_seq bigint NOT NULL,
    checked_at timestamp with time zone NOT NULL,
    CONSTRAINT item_page_check_item_seq_fkey FOREIGN KEY (item_seq) REFERENCES item(seq) ON DELETE CASCADE,
    CONSTRAINT item_page_check_pkey PRIMARY KEY (item_seq)
);

CREATE TABLE source (
    id text NOT NULL,
    name text NOT NULL,
    url text NOT NULL,
    tags text[] NOT NULL DEFAULT '{}'::text[],
    timezone text NOT NULL DEFAULT 'Asia/Shanghai'::text,
    interval_seconds integer NOT NULL,
    active boolean NOT NULL DEFAULT true,
    next_poll_at timestamp with time zone NOT NULL DEFAULT now(),
    lease_owner text,
    lease_until timestamp with time zone,
    last_poll_at timestamp with time zone,
    last_success_at timestamp with time zone,
    last_error text,
    last_error_at timestamp with time zone,
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_items_found integer,
    last_items_new integer,
    etag text,
    last_modified text,
    last_items_dated integer,
    last_titles_cut integer,
    last_detail_failures integer,
    body_hash text,
    last_status integer,
    failing_since timestamp with time zone,
    dead boolean NOT NULL DEFAULT false,
    current_interval_seconds integer,
    last_duration_ms integer,
    politeness_key text NOT NULL DEFAULT ''::text,
    changed_seq bigint NOT NULL DEFAULT nextval('source_change'::regclass),
    CONSTRAINT source_pkey PRIMARY KEY (id)
);

CREATE TABLE source_item_count (
    source_id text NOT NULL,
    items bigint NOT NULL,
    CONSTRAINT source_item_count_pkey PRIMARY KEY (source_id)
);

-- Indexes
CREATE UNIQUE INDEX feed_version_pkey ON public.feed_version USING btree (source_id);
CREATE UNIQUE INDEX host_lease_pkey ON public.host_lease USING btree (politeness_key);
CREATE INDEX item_band_keys ON public.item USING gin (band_keys) WITH (fastupdate=off);
CREATE INDEX item_bigram_codes ON public.item USING gin (bigrams);
CREATE UNIQUE INDEX item_pkey ON public.item USING btree (seq);
CREATE INDEX item_published ON public.item USING btree (published_at DESC, seq DESC);
CREATE UNIQUE INDEX item_source_guid ON public.item USING btree (source_id, guid) WHERE (guid IS NOT NULL);
CREATE INDEX item_source_published ON public.item USING btree (source_id, published_at DESC, seq DESC);
CREATE UNIQUE INDEX item_source_url ON public.item USING btree (source_id, url);
CREATE INDEX item_text_fp ON public.item USING btree (text_fp);
CREATE INDEX item_title_key ON public.item USING btree (title_key, seq DESC);
CREATE UNIQUE INDEX item_uid_key ON public.item USING btree (uid);
CREATE INDEX item_url ON public.item USING btree (url);
CREATE INDEX item_also_at_item ON public.item_also_at USING btree (item_seq);
CREATE UNIQUE INDEX item_also_at_pkey ON public.item_also_at USING btree (id);
CREATE UNIQUE INDEX item_also_at_source_url ON public.item_also_at USING btree (source_id, url);
CREATE INDEX item_also_at_url ON public.item_also_at USING btree (url);
CREATE INDEX item_event_created ON public.item_event USING btree (created_at);
CREATE UNIQUE INDEX item_event_pkey ON public.item_event USING btree (id);
CREATE INDEX item_page_check_checked_at ON public.item_page_check USING btree (checked_at);
CREATE UNIQUE INDEX item_page_check_pkey ON public.item_page_check USING btree (item_seq);
CREATE INDEX source_changed ON public.source USING btree (changed_seq);
CREATE INDEX source_due ON public.source USING btree (next_poll_at) WHERE active;
CREATE INDEX source_key_due ON public.source USING btree (politeness_key, next_poll_at) WHERE active;
CREATE UNIQUE INDEX source_pkey ON public.source USING btree (id);
CREATE INDEX source_tags ON public.source USING gin (tags);
CREATE UNIQUE INDEX source_item_count_pkey ON public.source_item_count USING btree (source_id);

-- Functions
CREATE OR REPLACE FUNCTION public.item_bigram_codes(text)
 RETURNS integer[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$
    SELECT coalesce(array_agg(DISTINCT ((ascii(pair.first) & 65535) << 16) | (ascii(pair.second) & 65535)), '{}')
    FROM (SELECT string_to_array(lower($1), NULL) AS chars) split,
         LATERAL unnest(split.chars[1:cardinality(split.chars) - 1], split.chars[2:cardinality(split.chars)])
             AS pair (first, second)
$function$;

CREATE OR REPLACE FUNCTION public.item_bigrams(text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$
    SELECT coalesce(array_agg(DISTINCT pair.first || pair.second), '{}')
    FROM (SELECT string_to_array(lower($1), NULL) AS chars) split,
         LATERAL unnest(split.chars[1:cardinality(split.chars) - 1], split.chars[2:cardinality(split.chars)])
             AS pair (first, second)
$function$;

CREATE OR REPLACE FUNCTION public.item_changed_at_commit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION public.item_fill_bigrams()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.bigrams := item_bigram_codes(NEW.title || ' ' || coalesce(NEW.summary, ''));
    RETURN NEW;
END;
$function$;

CREATE OR REPLACE FUNCTION public.source_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.changed_seq := nextval('source_change');
    RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.source_changed_at_commit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    PERFORM take_commit_ordering_lock();
    -- Bumped once per transaction, however many rows of the source changed in it (xmin is ours after the first).
    INSERT INTO feed_version AS v (source_id, version, changed_at)
    VALUES (NEW.id, nextval('feed_version_seq'), now())
    ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
    WHERE v.xmin <> pg_current_xact_id()::xid;
    PERFORM pg_notify('feed_version', '');
    RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION public.source_item_count_add()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    INSERT INTO source_item_count AS c (source_id, items)
    SELECT source_id, count(*) FROM inserted GROUP BY source_id ORDER BY source_id
    ON CONFLICT (source_id) DO UPDATE SET items = c.items + EXCLUDED.items;
    RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION public.source_item_count_remove()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE source_item_count c SET items = c.items - d.n
    FROM (SELECT source_id, count(*) AS n FROM deleted GROUP BY source_id ORDER BY source_id) d
    WHERE c.source_id = d.source_id;
    RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION public.take_commit_ordering_lock()
 RETURNS void
 LANGUAGE sql
AS $function$
    SELECT pg_advisory_xact_lock(7366, 1)
$function$;

-- Triggers
CREATE TRIGGER item_bigrams_on_insert BEFORE INSERT ON public.item FOR EACH ROW WHEN ((new.bigrams IS NULL)) EXECUTE FUNCTION item_fill_bigrams();
CREATE TRIGGER item_bigrams_on_update BEFORE UPDATE OF title, summary ON public.item FOR EACH ROW WHEN (((NOT (new.bigrams IS DISTINCT FROM old.bigrams)) AND ((new.title IS DISTINCT FROM old.title) OR (new.summary IS DISTINCT FROM old.summary)))) EXECUTE FUNCTION item_fill_bigrams();
CREATE TRIGGER item_counted_on_delete AFTER DELETE ON public.item REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION source_item_count_remove();
CREATE TRIGGER item_counted_on_insert AFTER INSERT ON public.item REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION source_item_count_add();
CREATE CONSTRAINT TRIGGER item_inserted_at_commit AFTER INSERT ON public.item DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION item_changed_at_commit();
CREATE CONSTRAINT TRIGGER item_updated_at_commit AFTER UPDATE ON public.item DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION item_changed_at_commit();
CREATE TRIGGER source_changed BEFORE UPDATE ON public.source FOR EACH ROW WHEN (((((((((((old.last_poll_at IS DISTINCT FROM new.last_poll_at) OR (old.name IS DISTINCT FROM new.name)) OR (old.url IS DISTINCT FROM new.url)) OR (old.tags IS DISTINCT FROM new.tags)) OR (old.timezone IS DISTINCT FROM new.timezone)) OR (old.active IS DISTINCT FROM new.active)) OR (old.next_poll_at IS DISTINCT FROM new.next_poll_at)) OR (old.last_items_dated IS DISTINCT FROM new.last_items_dated)) OR (old.last_titles_cut IS DISTINCT FROM new.last_titles_cut)) OR (old.last_detail_failures IS DISTINCT FROM new.last_detail_failures))) EXECUTE FUNCTION source_changed();
CREATE CONSTRAINT TRIGGER source_inserted_at_commit AFTER INSERT ON public.source DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION source_changed_at_commit();
CREATE CONSTRAINT TRIGGER source_updated_at_commit AFTER UPDATE OF name, tags, timezone ON public.source DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((old.name IS DISTINCT FROM new.name) OR (old.tags IS DISTINCT FROM new.tags) OR (old.timezone IS DISTINCT FROM new.timezone))) EXECUTE FUNCTION source_changed_at_commit();

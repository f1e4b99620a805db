-- Sources mirror config/sources.yml; rows stay when a source is removed (active = false) so its items keep their source.
-- The poll schedule and leases live here so that several instances can share one database.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE source (
    id                    text PRIMARY KEY,
    name                  text        NOT NULL,
    url                   text        NOT NULL,
    tags                  text[]      NOT NULL DEFAULT '{}',
    timezone              text        NOT NULL DEFAULT 'Asia/Shanghai',
    interval_seconds      integer     NOT NULL,
    active                boolean     NOT NULL DEFAULT true,
    next_poll_at          timestamptz NOT NULL DEFAULT now(),
    lease_owner           text,
    lease_until           timestamptz,
    last_poll_at          timestamptz,
    last_success_at       timestamptz,
    last_error            text,
    last_error_at         timestamptz,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    last_items_found      integer,
    last_items_new        integer,
    etag                  text,
    last_modified         text
);

CREATE INDEX source_due ON source (next_poll_at) WHERE active;
CREATE INDEX source_tags ON source USING gin (tags);

CREATE TABLE item (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the public id: never changes, used in feeds (urn:uuid) and the API
    uid            uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    source_id      text        NOT NULL REFERENCES source (id),
    guid           text,
    url            text        NOT NULL,
    title          text        NOT NULL,
    summary        text,
    content        text,
    published_at   timestamptz NOT NULL,
    -- where published_at came from: 'source' (the feed or list), 'detail' (the item's page), 'fetched' (first seen)
    date_origin    text        NOT NULL,
    date_has_time  boolean     NOT NULL DEFAULT true,
    fetched_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    revision       integer     NOT NULL DEFAULT 1,
    content_hash   text        NOT NULL,
    CONSTRAINT item_source_url UNIQUE (source_id, url)
);

-- Within a source the same GUID is the same item, as is the same canonical URL (above).
CREATE UNIQUE INDEX item_source_guid ON item (source_id, guid) WHERE guid IS NOT NULL;
-- Merged feeds read newest first with a (published_at, seq) keyset cursor.
CREATE INDEX item_published ON item (published_at DESC, seq DESC);
CREATE INDEX item_source_published ON item (source_id, published_at DESC, seq DESC);
-- Keyword search on Chinese text: trigram GIN indexes serve ILIKE '%…%' (needs a UTF-8 locale).
CREATE INDEX item_title_trgm ON item USING gin (title gin_trgm_ops);
CREATE INDEX item_summary_trgm ON item USING gin (summary gin_trgm_ops);

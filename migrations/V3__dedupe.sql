-- Deduplication: each item's text print (see dedupe.TextPrint), LSH band keys of its SimHash, and the other
-- places (source, URL) where the same story was found. Items stored before this migration have no print and
-- are never matched across sources; their own URL and GUID still identify them.
ALTER TABLE item
    ADD COLUMN text_fp        bigint,
    ADD COLUMN title_key      bigint,
    ADD COLUMN simhash        bigint,
    ADD COLUMN body_length    integer NOT NULL DEFAULT 0,
    ADD COLUMN title_length   integer NOT NULL DEFAULT 0,
    ADD COLUMN published_day  integer,
    ADD COLUMN title_periods  text    NOT NULL DEFAULT '',
    ADD COLUMN body_periods   text    NOT NULL DEFAULT '';

CREATE INDEX item_text_fp ON item (text_fp);
CREATE INDEX item_title_key ON item (title_key, seq DESC);

-- One row per (item, band): a lookup reads only the items sharing a band key, never the whole table.
CREATE TABLE item_band (
    band_key  bigint NOT NULL,
    item_seq  bigint NOT NULL REFERENCES item (seq) ON DELETE CASCADE,
    PRIMARY KEY (band_key, item_seq)
);
CREATE INDEX item_band_item ON item_band (item_seq);

CREATE TABLE item_also_at (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_seq   bigint      NOT NULL REFERENCES item (seq) ON DELETE CASCADE,
    source_id  text        NOT NULL REFERENCES source (id),
    url        text        NOT NULL,
    found_at   timestamptz NOT NULL,
    CONSTRAINT item_also_at_source_url UNIQUE (source_id, url)
);
CREATE INDEX item_also_at_item ON item_also_at (item_seq);

-- Cheaper item inserts (issue 4: ingest at 1,000,000 items): keyword index terms written by the application, and
-- the SimHash band keys in the item row.
--
-- V4/V7 indexed the expression item_bigrams(title || ' ' || summary), so PostgreSQL ran that function for every row
-- written (~0.23 ms of an item's ~1.1 ms in the database). The terms are now a column the application fills
-- (store/Bigrams, in the JVM), as ints instead of two-character texts: a pair of BMP characters is its two 16-bit
-- code points side by side, exact; a pair with a character beyond the BMP keeps only the low 16 bits of it, which
-- may make two pairs one term (the index then narrows less; the query's ILIKE still decides). Ints compare and
-- store cheaper than texts in the GIN index and in the row.
CREATE FUNCTION item_bigram_codes(text) RETURNS int[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT ((ascii(pair.first) & 65535) << 16) | (ascii(pair.second) & 65535)), '{}')
    FROM (SELECT string_to_array(lower($1), NULL) AS chars) split,
         LATERAL unnest(split.chars[1:cardinality(split.chars) - 1], split.chars[2:cardinality(split.chars)])
             AS pair (first, second)
$$;

ALTER TABLE item ADD COLUMN bigrams int[];

-- Rows written without the column (older application versions, SQL by hand, test fixtures) get it here; the
-- WHEN clauses keep the function out of the application's own writes, which supply it.
CREATE FUNCTION item_fill_bigrams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.bigrams := item_bigram_codes(NEW.title || ' ' || coalesce(NEW.summary, ''));
    RETURN NEW;
END;
$$;

CREATE TRIGGER item_bigrams_on_insert
    BEFORE INSERT ON item
    FOR EACH ROW WHEN (NEW.bigrams IS NULL)
    EXECUTE FUNCTION item_fill_bigrams();

CREATE TRIGGER item_bigrams_on_update
    BEFORE UPDATE OF title, summary ON item
    FOR EACH ROW WHEN (NEW.bigrams IS NOT DISTINCT FROM OLD.bigrams
                       AND (NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary))
    EXECUTE FUNCTION item_fill_bigrams();

-- The SimHash band keys move from V3's side table into the item row, under one GIN index. Per item that is one
-- array instead of three item_band rows, each with two b-tree entries and a foreign-key check (a query and a row
-- lock on the item), and the lookup reads the item row straight from the index instead of going through
-- item_band and item's primary key. fastupdate is off: with the pending list on, every band lookup (three per
-- item ingested) would scan the whole list; the keys are nearly unique, so an insert is three leaf inserts.
ALTER TABLE item ADD COLUMN band_keys bigint[];

-- Existing rows: one pass for both columns, without the commit trigger (nothing a reader sees changes, so no
-- event and no feed bump).
ALTER TABLE item DISABLE TRIGGER item_updated_at_commit;
UPDATE item i
SET bigrams = item_bigram_codes(i.title || ' ' || coalesce(i.summary, '')),
    band_keys = (SELECT array_agg(b.band_key ORDER BY b.band_key) FROM item_band b WHERE b.item_seq = i.seq);
ALTER TABLE item ENABLE TRIGGER item_updated_at_commit;

CREATE INDEX item_bigram_codes ON item USING gin (bigrams);
DROP INDEX item_bigrams;
CREATE INDEX item_band_keys ON item USING gin (band_keys) WITH (fastupdate = off);
DROP TABLE item_band;

-- A repost found elsewhere moves its item's updated_at (an UPDATE of the row). On a full page that UPDATE writes
-- the new row version to another page and so adds an entry to every index of item, the keyword index's hundreds
-- of terms included. With a fifth of each page left free, the new version usually stays on its page (a HOT
-- update: no index entry at all). Applies to pages written from now on; VACUUM FULL item applies it to old ones.
ALTER TABLE item SET (fillfactor = 80);

-- The foreign key of item_event made each event (one per inserted or updated item, written at commit under the
-- event-ordering lock) look up and lock its item row. The service never deletes items, and an event whose item
-- is gone (a row deleted by hand) is skipped by readers, who load the item to send it.
ALTER TABLE item_event DROP CONSTRAINT item_event_item_seq_fkey;

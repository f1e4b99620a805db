-- Items per source, kept by statement-level triggers, so that /api/sources reads 30,000 small rows instead of
-- counting every source's items on each request (issue 17). A table of its own, not a column of source: source rows
-- are updated by every lease and outcome, and item writes would otherwise wait on them (and bloat them).
CREATE TABLE source_item_count (
    source_id text PRIMARY KEY,
    items     bigint NOT NULL
);

INSERT INTO source_item_count (source_id, items)
SELECT source_id, count(*) FROM item GROUP BY source_id;

-- One upsert per statement and source (transition tables), in source order so that two statements never deadlock.
-- An INSERT ... ON CONFLICT DO UPDATE lists only the rows it inserted in its NEW TABLE.
CREATE FUNCTION source_item_count_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO source_item_count AS c (source_id, items)
    SELECT source_id, count(*) FROM inserted GROUP BY source_id ORDER BY source_id
    ON CONFLICT (source_id) DO UPDATE SET items = c.items + EXCLUDED.items;
    RETURN NULL;
END $$;

CREATE FUNCTION source_item_count_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE source_item_count c SET items = c.items - d.n
    FROM (SELECT source_id, count(*) AS n FROM deleted GROUP BY source_id ORDER BY source_id) d
    WHERE c.source_id = d.source_id;
    RETURN NULL;
END $$;

CREATE TRIGGER item_counted_on_insert AFTER INSERT ON item
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION source_item_count_add();
CREATE TRIGGER item_counted_on_delete AFTER DELETE ON item
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION source_item_count_remove();

-- Issue 13: a canonical URL is one item across all sources. The dedupe lookup finds a stored item by its URL
-- whatever source stored it (item_source_url leads with source_id and cannot serve that). Built CONCURRENTLY, alone
-- in its migration (Flyway runs it outside a transaction), so a large item table stays writable meanwhile.
CREATE INDEX CONCURRENTLY IF NOT EXISTS item_url ON item (url);

-- Issue 13: the same lookup among the other places of items (alsoAt), whatever source found them.
CREATE INDEX CONCURRENTLY IF NOT EXISTS item_also_at_url ON item_also_at (url);

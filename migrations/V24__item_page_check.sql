-- When a source with `recheck:` last read an item's own page again for edits (poll.PageRecheck). A table of its
-- own, not a column of item: every UPDATE of item bumps feed versions and sends an SSE update at commit, and a check
-- that finds the page unchanged must do neither. Rows older than the longest re-check window (7 days) are deleted as
-- checks are recorded, so the table holds about a week of checks; the index serves that delete.
CREATE TABLE item_page_check (
    item_seq   bigint PRIMARY KEY REFERENCES item (seq) ON DELETE CASCADE,
    checked_at timestamptz NOT NULL
);

CREATE INDEX item_page_check_checked_at ON item_page_check (checked_at);

-- What the last successful poll of a source saw, so that a source whose selectors stopped matching shows as
-- unhealthy instead of fine: items found is last_items_found (V1); these count how many of them had a date
-- (from the list, the detail page, or an earlier poll), how many list titles looked cut, and how many detail
-- pages of new items could not be fetched or read.
ALTER TABLE source
    ADD COLUMN last_items_dated      integer,
    ADD COLUMN last_titles_cut       integer,
    ADD COLUMN last_detail_failures  integer;

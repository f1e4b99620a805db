-- What changed since a reader last asked (issue 17): every change of a source row takes the next number of one
-- sequence, so /api/sources?since=N answers only the sources changed after N instead of all 30,000. Leases alone
-- do not count: they change nothing a reader sees. A number is taken before its statement commits, so a reader
-- asks again from an older number than the newest it saw (the dashboard: the one before last) and merges.
CREATE SEQUENCE source_change;

ALTER TABLE source ADD COLUMN changed_seq bigint NOT NULL DEFAULT nextval('source_change');

CREATE INDEX source_changed ON source (changed_seq);

CREATE FUNCTION source_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_seq := nextval('source_change');
    RETURN NEW;
END $$;

CREATE TRIGGER source_changed BEFORE UPDATE ON source FOR EACH ROW
    WHEN ((OLD.last_poll_at, OLD.name, OLD.url, OLD.tags, OLD.timezone, OLD.active, OLD.next_poll_at,
           OLD.last_items_dated, OLD.last_titles_cut, OLD.last_detail_failures)
          IS DISTINCT FROM
          (NEW.last_poll_at, NEW.name, NEW.url, NEW.tags, NEW.timezone, NEW.active, NEW.next_poll_at,
           NEW.last_items_dated, NEW.last_titles_cut, NEW.last_detail_failures))
    EXECUTE FUNCTION source_changed();

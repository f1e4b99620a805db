-- Politeness for the whole cluster (issue 17): a site is polled by one instance at a time. An instance leases a
-- politeness key (the registrable domain of a source's url), polls that key's due sources under its own per-host
-- and per-domain limits, and releases the key with free_at = the key's spacing after its last answer, so the next
-- holder (any instance) keeps the spacing too. A crashed holder's lease lapses after the lease time.
ALTER TABLE source ADD COLUMN politeness_key text NOT NULL DEFAULT '';

CREATE TABLE host_lease (
    politeness_key text PRIMARY KEY,
    lease_owner    text,
    lease_until    timestamptz,
    -- no request to this key before this time (the spacing owed after the previous holder's last answer)
    free_at        timestamptz NOT NULL DEFAULT '-infinity'
);

-- the due sources of the keys just leased (source is small: 30,000 rows, so no CONCURRENTLY build is needed)
CREATE INDEX source_key_due ON source (politeness_key, next_poll_at) WHERE active;

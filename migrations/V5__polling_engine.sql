-- The polling engine (issue 6): what /api/sources shows an admin, and what adaptive polling and the dead-source
-- rule need to remember between polls.
ALTER TABLE source
    -- SHA-256 of the last list page or feed body parsed: an unchanged body is not parsed again
    ADD COLUMN body_hash                text,
    -- HTTP status of the last answer (0 = no answer: timeout, reset, refused)
    ADD COLUMN last_status              integer,
    -- when the current run of failures began; null while the source is healthy
    ADD COLUMN failing_since            timestamptz,
    -- failing for longer than aggregator.polling.dead-after: retried rarely until it answers again
    ADD COLUMN dead                     boolean NOT NULL DEFAULT false,
    -- the adaptive interval now in use (seconds), between min-interval and max-interval; null = configured interval
    ADD COLUMN current_interval_seconds integer,
    ADD COLUMN last_duration_ms         integer;

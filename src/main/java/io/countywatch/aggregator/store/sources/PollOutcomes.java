package io.countywatch.aggregator.store.sources;

import io.countywatch.aggregator.store.Binds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Writes how a poll ended into its source's row: the schedule advances and the lease is given back in the same
 * statement, and only by the lease's holder.
 */
@Repository
public class PollOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PollOutcomes.class);

    private static final String SUCCESS = """
            UPDATE source SET last_poll_at = now(), last_success_at = now(), last_error = NULL,
                consecutive_failures = 0, next_poll_at = :next, lease_owner = NULL, lease_until = NULL,
                etag = :etag, last_modified = :lastModified, last_items_found = :found, last_items_new = :fresh,
                body_hash = :bodyHash, last_status = :status, failing_since = NULL, dead = false,
                current_interval_seconds = :interval, last_duration_ms = :duration
            WHERE id = :id AND lease_owner = :owner""";

    private static final String FAILURE = """
            UPDATE source SET last_poll_at = now(), last_error = :error, last_error_at = now(),
                consecutive_failures = consecutive_failures + 1, next_poll_at = :next,
                lease_owner = NULL, lease_until = NULL, last_status = :status,
                failing_since = COALESCE(failing_since, now()), dead = :dead, last_duration_ms = :duration
            WHERE id = :id AND lease_owner = :owner""";

    private final DatabaseClient db;
    private final NotModifiedBatches notModified;

    public PollOutcomes(DatabaseClient db) {
        this.db = db;
        this.notModified = new NotModifiedBatches(db);
    }

    /** A poll that stored its items; {@code bodyHash} is the hash of the body parsed. */
    public Mono<Void> recordSuccess(
            String owner,
            String sourceId,
            PollRecord poll,
            String etag,
            String lastModified,
            String bodyHash,
            int found,
            int fresh) {
        var spec = common(db.sql(SUCCESS), owner, sourceId, poll)
                .bind("found", found)
                .bind("fresh", fresh);
        spec = Binds.nullable(spec, "etag", etag, String.class);
        spec = Binds.nullable(spec, "lastModified", lastModified, String.class);
        spec = Binds.nullable(spec, "bodyHash", bodyHash, String.class);
        spec = Binds.nullable(spec, "interval", poll.intervalSeconds(), Integer.class);
        return spec.fetch()
                .rowsUpdated()
                .doOnNext(rows -> warnIfLost(rows, sourceId, owner, "success"))
                .then();
    }

    /** Records what the current poll saw of the source's pages; called while the poll holds the lease. */
    public Mono<Void> recordHealth(String sourceId, ExtractionHealth health) {
        return db.sql("""
                        UPDATE source SET last_items_dated = :dated, last_titles_cut = :cut,
                            last_detail_failures = :failures WHERE id = :id""")
                .bind("id", sourceId)
                .bind("dated", health.dated())
                .bind("cut", health.titlesCut())
                .bind("failures", health.detailFailures())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * A poll that found nothing to parse: a 304, or a body with the same hash as last time. Recorded with others in
     * one statement (within {@link NotModifiedBatches#LINGER}).
     */
    public Mono<Void> recordNotModified(String owner, String sourceId, PollRecord poll) {
        return notModified.record(owner, sourceId, poll);
    }

    /** A failed poll; {@code dead} when the source has now failed for longer than the dead-after time. */
    public Mono<Void> recordFailure(String owner, String sourceId, String error, PollRecord poll, boolean dead) {
        return common(db.sql(FAILURE), owner, sourceId, poll)
                .bind("error", error)
                .bind("dead", dead)
                .fetch()
                .rowsUpdated()
                .doOnNext(rows -> warnIfLost(rows, sourceId, owner, "failure"))
                .then();
    }

    // An outcome is written only by the lease's holder. Nothing written means the lease was no longer this
    // instance's: the source stays leased until its lease lapses, and is polled again then. Say so, since it
    // shows as a source polled twice, a lease time apart.
    static void warnIfLost(long rows, String sourceId, String owner, String outcome) {
        if (rows == 0) {
            log.warn(
                    "source={} outcome={} not recorded: its lease is not held by {} any more",
                    sourceId,
                    outcome,
                    owner);
        }
    }

    private static DatabaseClient.GenericExecuteSpec common(
            DatabaseClient.GenericExecuteSpec spec, String owner, String sourceId, PollRecord poll) {
        return spec.bind("owner", owner)
                .bind("id", sourceId)
                .bind("next", poll.next())
                .bind("status", poll.status())
                .bind("duration", poll.durationMillis());
    }
}

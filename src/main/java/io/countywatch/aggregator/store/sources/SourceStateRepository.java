package io.countywatch.aggregator.store.sources;

import io.countywatch.aggregator.store.Binds;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sources, their schedule and their leases. Leases use the database clock and {@code FOR UPDATE SKIP LOCKED},
 * so several instances sharing one database each take different due sources, and a crashed instance's leases
 * simply expire.
 */
@Repository
public class SourceStateRepository {

    private static final Logger log = LoggerFactory.getLogger(SourceStateRepository.class);

    // Many sources per statement: with one round trip per source, syncing 2,000 sources took ~8 s at start, and
    // every poll waited for it. Tags travel joined by U+001F (a control character no tag holds), because
    // unnest cannot take an array of arrays. A changed configured interval restarts adaptation from it
    // (current_interval_seconds back to null).
    private static final String UPSERT = """
            INSERT INTO source (id, name, url, tags, timezone, interval_seconds, active, next_poll_at)
            SELECT r.id, r.name, r.url, CASE WHEN r.tags = '' THEN '{}' ELSE string_to_array(r.tags, E'\\x1f') END,
                   r.timezone, r.interval, true, now()
            FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[]), CAST(:urls AS text[]), CAST(:tags AS text[]),
                        CAST(:timezones AS text[]), CAST(:intervals AS int[]))
                 AS r (id, name, url, tags, timezone, interval)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, url = EXCLUDED.url, tags = EXCLUDED.tags,
                timezone = EXCLUDED.timezone, interval_seconds = EXCLUDED.interval_seconds, active = true,
                current_interval_seconds = CASE WHEN source.interval_seconds = EXCLUDED.interval_seconds
                    THEN source.current_interval_seconds END,
                next_poll_at = CASE WHEN source.active THEN source.next_poll_at ELSE now() END""";
    private static final int SYNC_CHUNK = 500;
    private static final String TAG_SEPARATOR = "\u001f";

    private static final String LEASE_DUE = """
            UPDATE source SET lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id IN (SELECT id FROM source
                         WHERE active AND next_poll_at <= now() AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY next_poll_at LIMIT :limit
                         FOR UPDATE SKIP LOCKED)
            RETURNING id, etag, last_modified, consecutive_failures, body_hash, failing_since, current_interval_seconds""";

    private static final String LEASE_ONE = """
            UPDATE source SET lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id = (SELECT id FROM source WHERE id = :id AND active
                        AND (lease_until IS NULL OR lease_until < now()) FOR UPDATE SKIP LOCKED)
            RETURNING id, etag, last_modified, consecutive_failures, body_hash, failing_since, current_interval_seconds""";

    private static final String SUCCESS = """
            UPDATE source SET last_poll_at = now(), last_success_at = now(), last_error = NULL,
                consecutive_failures = 0, next_poll_at = :next, lease_owner = NULL, lease_until = NULL,
                etag = :etag, last_modified = :lastModified, last_items_found = :found, last_items_new = :fresh,
                body_hash = :bodyHash, last_status = :status, failing_since = NULL, dead = false,
                current_interval_seconds = :interval, last_duration_ms = :duration
            WHERE id = :id AND lease_owner = :owner""";

    private static final String NOT_MODIFIED = """
            UPDATE source SET last_poll_at = now(), last_success_at = now(), last_error = NULL,
                consecutive_failures = 0, next_poll_at = :next, lease_owner = NULL, lease_until = NULL,
                last_status = :status, failing_since = NULL, dead = false,
                current_interval_seconds = :interval, last_duration_ms = :duration
            WHERE id = :id AND lease_owner = :owner""";

    private static final String FAILURE = """
            UPDATE source SET last_poll_at = now(), last_error = :error, last_error_at = now(),
                consecutive_failures = consecutive_failures + 1, next_poll_at = :next,
                lease_owner = NULL, lease_until = NULL, last_status = :status,
                failing_since = COALESCE(failing_since, now()), dead = :dead, last_duration_ms = :duration
            WHERE id = :id AND lease_owner = :owner""";

    private static final String STATES = """
            SELECT s.*, (SELECT count(*) FROM item i WHERE i.source_id = s.id) AS item_count
            FROM source s ORDER BY s.active DESC, s.id""";

    private final DatabaseClient db;

    public SourceStateRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Makes the table match the sources file: configured sources active, the others inactive (items kept). */
    public Mono<Void> sync(List<SourceRow> sources) {
        Flux<Long> upserts = Flux.fromIterable(sources)
                .buffer(SYNC_CHUNK)
                .concatMap(chunk -> db.sql(UPSERT)
                        .bind("ids", chunk.stream().map(SourceRow::id).toArray(String[]::new))
                        .bind("names", chunk.stream().map(SourceRow::name).toArray(String[]::new))
                        .bind("urls", chunk.stream().map(SourceRow::url).toArray(String[]::new))
                        .bind(
                                "tags",
                                chunk.stream()
                                        .map(s -> String.join(TAG_SEPARATOR, s.tags()))
                                        .toArray(String[]::new))
                        .bind(
                                "timezones",
                                chunk.stream().map(SourceRow::timezone).toArray(String[]::new))
                        .bind(
                                "intervals",
                                chunk.stream()
                                        .map(s -> (int) s.intervalSeconds())
                                        .toArray(Integer[]::new))
                        .fetch()
                        .rowsUpdated());
        String[] ids = sources.stream().map(SourceRow::id).toArray(String[]::new);
        Mono<Long> deactivate = db.sql("UPDATE source SET active = false WHERE active AND NOT (id = ANY(:ids))")
                .bind("ids", ids)
                .fetch()
                .rowsUpdated();
        return upserts.then(deactivate).then();
    }

    /** Leases up to {@code limit} due sources for {@code owner}. */
    public Flux<SourceLease> leaseDue(String owner, Duration lease, int limit) {
        return db.sql(LEASE_DUE)
                .bind("owner", owner)
                .bind("leaseSeconds", (double) lease.toMillis() / 1000)
                .bind("limit", limit)
                .map(SourceStateRepository::lease)
                .all();
    }

    /** Leases one source now, due or not; empty when it is unknown, inactive or being polled elsewhere. */
    public Mono<SourceLease> leaseNow(String owner, String sourceId, Duration lease) {
        return db.sql(LEASE_ONE)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("leaseSeconds", (double) lease.toMillis() / 1000)
                .map(SourceStateRepository::lease)
                .one();
    }

    private static SourceLease lease(io.r2dbc.spi.Readable row) {
        OffsetDateTime failingSince = row.get("failing_since", OffsetDateTime.class);
        return new SourceLease(
                row.get("id", String.class),
                row.get("etag", String.class),
                row.get("last_modified", String.class),
                row.get("consecutive_failures", Integer.class),
                row.get("body_hash", String.class),
                failingSince == null ? null : failingSince.toInstant(),
                row.get("current_interval_seconds", Integer.class));
    }

    public Mono<Void> recordSuccess(
            String owner, String sourceId, Instant next, String etag, String lastModified, int found, int fresh) {
        return recordSuccess(
                owner, sourceId, new PollRecord(next, null, 200, 0), etag, lastModified, null, found, fresh);
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

    public Mono<Void> recordNotModified(String owner, String sourceId, Instant next) {
        return recordNotModified(owner, sourceId, new PollRecord(next, null, 304, 0));
    }

    /** A poll that found nothing to parse: a 304, or a body with the same hash as last time. */
    public Mono<Void> recordNotModified(String owner, String sourceId, PollRecord poll) {
        var spec = common(db.sql(NOT_MODIFIED), owner, sourceId, poll);
        return Binds.nullable(spec, "interval", poll.intervalSeconds(), Integer.class)
                .fetch()
                .rowsUpdated()
                .doOnNext(rows -> warnIfLost(rows, sourceId, owner, "not modified"))
                .then();
    }

    public Mono<Void> recordFailure(String owner, String sourceId, String error, Instant next) {
        return recordFailure(owner, sourceId, error, new PollRecord(next, null, 0, 0), false);
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
    private static void warnIfLost(long rows, String sourceId, String owner, String outcome) {
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

    /** Extends a lease this owner still holds, while its poll runs; false when the lease is no longer ours. */
    public Mono<Boolean> renewLease(String owner, String sourceId, Duration lease) {
        return db.sql("UPDATE source SET lease_until = now() + make_interval(secs => :leaseSeconds)"
                        + " WHERE id = :id AND lease_owner = :owner")
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("leaseSeconds", (double) lease.toMillis() / 1000)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** How many active sources are due now, leased or not (a gauge for metrics). */
    public Mono<Long> countDue() {
        return db.sql("SELECT count(*) AS due FROM source WHERE active AND next_poll_at <= now()")
                .map(row -> row.get("due", Long.class))
                .one();
    }

    /** Every source with its state; its times are given in the source's own zone, as its items' times are. */
    public Flux<SourceState> findAll() {
        return db.sql(STATES)
                .map(row -> {
                    String[] tags = row.get("tags", String[].class);
                    ZoneId zone = ZoneId.of(row.get("timezone", String.class));
                    return new SourceState(
                            row.get("id", String.class),
                            row.get("name", String.class),
                            row.get("url", String.class),
                            tags == null ? List.of() : List.of(tags),
                            Boolean.TRUE.equals(row.get("active", Boolean.class)),
                            inZone(row.get("last_poll_at", OffsetDateTime.class), zone),
                            inZone(row.get("last_success_at", OffsetDateTime.class), zone),
                            row.get("last_error", String.class),
                            inZone(row.get("last_error_at", OffsetDateTime.class), zone),
                            row.get("consecutive_failures", Integer.class),
                            inZone(row.get("next_poll_at", OffsetDateTime.class), zone),
                            row.get("last_items_found", Integer.class),
                            row.get("last_items_new", Integer.class),
                            row.get("item_count", Long.class),
                            health(row),
                            Boolean.TRUE.equals(row.get("dead", Boolean.class)),
                            row.get("last_status", Integer.class),
                            inZone(row.get("failing_since", OffsetDateTime.class), zone),
                            row.get("current_interval_seconds", Integer.class),
                            row.get("last_duration_ms", Integer.class));
                })
                .all();
    }

    private static OffsetDateTime inZone(OffsetDateTime value, ZoneId zone) {
        return value == null ? null : value.atZoneSameInstant(zone).toOffsetDateTime();
    }

    // Null until a poll of this version has recorded it (and for sources never polled).
    private static ExtractionHealth health(io.r2dbc.spi.Readable row) {
        Integer found = row.get("last_items_found", Integer.class);
        Integer dated = row.get("last_items_dated", Integer.class);
        if (found == null || dated == null) {
            return null;
        }
        Integer cut = row.get("last_titles_cut", Integer.class);
        Integer failures = row.get("last_detail_failures", Integer.class);
        return new ExtractionHealth(found, dated, cut == null ? 0 : cut, failures == null ? 0 : failures);
    }

    /** Every tag of an active source, for OPML. */
    public Flux<String> findTags() {
        return db.sql("SELECT DISTINCT unnest(tags) AS tag FROM source WHERE active ORDER BY tag")
                .map(row -> row.get("tag", String.class))
                .all();
    }

    /** The source's display name, also for a source removed from the file whose items remain. */
    public Mono<String> findName(String sourceId) {
        return db.sql("SELECT name FROM source WHERE id = :id")
                .bind("id", sourceId)
                .map(row -> row.get("name", String.class))
                .one();
    }

    /** True when any source, current or removed, carries the tag. */
    public Mono<Boolean> tagExists(String tag) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM source WHERE tags @> ARRAY[CAST(:tag AS text)]) AS found")
                .bind("tag", tag)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
                .one();
    }
}

package io.countywatch.aggregator.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
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

    private static final String UPSERT = """
            INSERT INTO source (id, name, url, tags, timezone, interval_seconds, active, next_poll_at)
            VALUES (:id, :name, :url, :tags, :timezone, :interval, true, now())
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, url = EXCLUDED.url, tags = EXCLUDED.tags,
                timezone = EXCLUDED.timezone, interval_seconds = EXCLUDED.interval_seconds, active = true,
                next_poll_at = CASE WHEN source.active THEN source.next_poll_at ELSE now() END""";

    private static final String LEASE_DUE = """
            UPDATE source SET lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id IN (SELECT id FROM source
                         WHERE active AND next_poll_at <= now() AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY next_poll_at LIMIT :limit
                         FOR UPDATE SKIP LOCKED)
            RETURNING id, etag, last_modified, consecutive_failures""";

    private static final String LEASE_ONE = """
            UPDATE source SET lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id = (SELECT id FROM source WHERE id = :id AND active
                        AND (lease_until IS NULL OR lease_until < now()) FOR UPDATE SKIP LOCKED)
            RETURNING id, etag, last_modified, consecutive_failures""";

    private static final String SUCCESS = """
            UPDATE source SET last_poll_at = now(), last_success_at = now(), last_error = NULL,
                consecutive_failures = 0, next_poll_at = :next, lease_owner = NULL, lease_until = NULL,
                etag = :etag, last_modified = :lastModified, last_items_found = :found, last_items_new = :fresh
            WHERE id = :id AND lease_owner = :owner""";

    private static final String NOT_MODIFIED = """
            UPDATE source SET last_poll_at = now(), last_success_at = now(), last_error = NULL,
                consecutive_failures = 0, next_poll_at = :next, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner""";

    private static final String FAILURE = """
            UPDATE source SET last_poll_at = now(), last_error = :error, last_error_at = now(),
                consecutive_failures = consecutive_failures + 1, next_poll_at = :next,
                lease_owner = NULL, lease_until = NULL
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
                .concatMap(s -> db.sql(UPSERT)
                        .bind("id", s.id())
                        .bind("name", s.name())
                        .bind("url", s.url())
                        .bind("tags", s.tags().toArray(String[]::new))
                        .bind("timezone", s.timezone())
                        .bind("interval", (int) s.intervalSeconds())
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
                .bind("leaseSeconds", (double) lease.toSeconds())
                .bind("limit", limit)
                .map(row -> new SourceLease(
                        row.get("id", String.class),
                        row.get("etag", String.class),
                        row.get("last_modified", String.class),
                        row.get("consecutive_failures", Integer.class)))
                .all();
    }

    /** Leases one source now, due or not; empty when it is unknown, inactive or being polled elsewhere. */
    public Mono<SourceLease> leaseNow(String owner, String sourceId, Duration lease) {
        return db.sql(LEASE_ONE)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("leaseSeconds", (double) lease.toSeconds())
                .map(row -> new SourceLease(
                        row.get("id", String.class),
                        row.get("etag", String.class),
                        row.get("last_modified", String.class),
                        row.get("consecutive_failures", Integer.class)))
                .one();
    }

    public Mono<Void> recordSuccess(
            String owner, String sourceId, Instant next, String etag, String lastModified, int found, int fresh) {
        var spec = db.sql(SUCCESS)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("next", next)
                .bind("found", found)
                .bind("fresh", fresh);
        spec = Binds.nullable(spec, "etag", etag, String.class);
        spec = Binds.nullable(spec, "lastModified", lastModified, String.class);
        return spec.fetch().rowsUpdated().then();
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
        return db.sql(NOT_MODIFIED)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("next", next)
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Mono<Void> recordFailure(String owner, String sourceId, String error, Instant next) {
        return db.sql(FAILURE)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("error", error)
                .bind("next", next)
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Flux<SourceState> findAll() {
        return db.sql(STATES).map(row -> {
                    String[] tags = row.get("tags", String[].class);
                    return new SourceState(
                            row.get("id", String.class),
                            row.get("name", String.class),
                            row.get("url", String.class),
                            tags == null ? List.of() : List.of(tags),
                            Boolean.TRUE.equals(row.get("active", Boolean.class)),
                            row.get("last_poll_at", OffsetDateTime.class),
                            row.get("last_success_at", OffsetDateTime.class),
                            row.get("last_error", String.class),
                            row.get("last_error_at", OffsetDateTime.class),
                            row.get("consecutive_failures", Integer.class),
                            row.get("next_poll_at", OffsetDateTime.class),
                            row.get("last_items_found", Integer.class),
                            row.get("last_items_new", Integer.class),
                            row.get("item_count", Long.class),
                            health(row));
                })
                .all();
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

package io.countywatch.aggregator.store.sources;

import io.countywatch.aggregator.db.ReadDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sources as the sources file and the polls leave them: the sync of the file into the table, and the read model
 * the API shows. Leases are {@link HostLeases}', outcomes {@link PollOutcomes}'. The read model (states, tags, names)
 * comes from the {@link ReadDatabase}, a replica when one is configured; the sync and the due count from the primary.
 */
@Repository
public class SourceStateRepository {

    // Many sources per statement: with one round trip per source, syncing 2,000 sources took ~8 s at start, and
    // every poll waited for it. Tags travel joined by U+001F (a control character no tag holds), because
    // unnest cannot take an array of arrays. A changed configured interval restarts adaptation from it
    // (current_interval_seconds back to null).
    private static final String UPSERT = """
            INSERT INTO source (id, name, url, tags, timezone, interval_seconds, active, next_poll_at, politeness_key)
            SELECT r.id, r.name, r.url, CASE WHEN r.tags = '' THEN '{}' ELSE string_to_array(r.tags, E'\\x1f') END,
                   r.timezone, r.interval, true, now(), r.key
            FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[]), CAST(:urls AS text[]), CAST(:tags AS text[]),
                        CAST(:timezones AS text[]), CAST(:intervals AS int[]), CAST(:keys AS text[]))
                 AS r (id, name, url, tags, timezone, interval, key)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, url = EXCLUDED.url, tags = EXCLUDED.tags,
                politeness_key = EXCLUDED.politeness_key,
                timezone = EXCLUDED.timezone, interval_seconds = EXCLUDED.interval_seconds, active = true,
                current_interval_seconds = CASE WHEN source.interval_seconds = EXCLUDED.interval_seconds
                    THEN source.current_interval_seconds END,
                next_poll_at = CASE WHEN source.active THEN source.next_poll_at ELSE now() END""";
    private static final int SYNC_CHUNK = 500;
    private static final String TAG_SEPARATOR = "\u001f";

    // item counts from the trigger-kept counters (V16), never from the item table; changed_seq from V17
    static final String STATES = """
            SELECT s.*, coalesce(c.items, 0) AS item_count
            FROM source s LEFT JOIN source_item_count c ON c.source_id = s.id
            WHERE s.changed_seq > :since
            ORDER BY s.active DESC, s.id""";

    private final DatabaseClient db;
    private final DatabaseClient reads;

    public SourceStateRepository(DatabaseClient db, ReadDatabase reads) {
        this.db = db;
        this.reads = reads.client();
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
                        .bind(
                                "keys",
                                chunk.stream().map(SourceRow::politenessKey).toArray(String[]::new))
                        .fetch()
                        .rowsUpdated());
        String[] ids = sources.stream().map(SourceRow::id).toArray(String[]::new);
        Mono<Long> deactivate = db.sql("UPDATE source SET active = false WHERE active AND NOT (id = ANY(:ids))")
                .bind("ids", ids)
                .fetch()
                .rowsUpdated();
        return upserts.then(deactivate).then();
    }

    /** How many active sources are due now, leased or not (a gauge for metrics). */
    public Mono<Long> countDue() {
        return db.sql("SELECT count(*) AS due FROM source WHERE active AND next_poll_at <= now()")
                .map(row -> row.get("due", Long.class))
                .one();
    }

    /**
     * The sources whose row changed after {@code since} (0: all of them) with their state, and the newest change
     * number among them (or {@code since} when none changed). Times are given in the source's own zone, as its
     * items' times are.
     */
    public Mono<SourceStates> findChanged(long since) {
        long[] newest = {since};
        return reads.sql(STATES)
                .bind("since", since)
                .map(row -> {
                    newest[0] = Math.max(newest[0], row.get("changed_seq", Long.class));
                    return state(row);
                })
                .all()
                .collectList()
                .map(states -> new SourceStates(newest[0], states));
    }

    private static SourceState state(io.r2dbc.spi.Readable row) {
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

    /** The source's display name, also for a source removed from the file whose items remain. */
    public Mono<String> findName(String sourceId) {
        return reads.sql("SELECT name FROM source WHERE id = :id")
                .bind("id", sourceId)
                .map(row -> row.get("name", String.class))
                .one();
    }

    /** True when any source, current or removed, carries the tag. */
    public Mono<Boolean> tagExists(String tag) {
        return reads.sql("SELECT EXISTS (SELECT 1 FROM source WHERE tags @> ARRAY[CAST(:tag AS text)]) AS found")
                .bind("tag", tag)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
                .one();
    }
}

package io.countywatch.aggregator.store.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Records "not modified" outcomes (a 304, or a body with the hash of the last one) many to a statement: they are
 * most polls of a steady round, and one statement (and pool checkout) each was most of their cost. An outcome waits
 * at most {@link #LINGER} for others to join it; its caller's Mono completes when its statement has committed.
 */
final class NotModifiedBatches {

    static final Duration LINGER = Duration.ofMillis(20);
    private static final int MOST = 500;

    // The rows are locked in id order first: two statements (or the lease heartbeat) that update many source rows
    // in whatever order their join picks deadlock on each other (the 30,000-source benchmark saw it).
    private static final String NOT_MODIFIED = """
            WITH locked AS (SELECT id FROM source WHERE id = ANY(CAST(:lockIds AS text[])) ORDER BY id FOR UPDATE)
            UPDATE source s SET last_poll_at = now(), last_success_at = now(), last_error = NULL,
                consecutive_failures = 0, next_poll_at = CAST(r.next AS timestamptz), lease_owner = NULL,
                lease_until = NULL, last_status = r.status, failing_since = NULL, dead = false,
                current_interval_seconds = CAST(r.interval AS integer), last_duration_ms = r.duration
            FROM unnest(CAST(:ids AS text[]), CAST(:owners AS text[]), CAST(:nexts AS text[]),
                        CAST(:statuses AS int[]), CAST(:intervals AS text[]), CAST(:durations AS int[]))
                 AS r (id, owner, next, status, interval, duration)
            WHERE s.id = r.id AND s.lease_owner = r.owner AND s.id IN (SELECT id FROM locked)
            RETURNING s.id""";

    record Pending(String owner, String sourceId, PollRecord poll, Sinks.One<Void> done) {}

    private final DatabaseClient db;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    NotModifiedBatches(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> record(String owner, String sourceId, PollRecord poll) {
        return Mono.defer(() -> {
            Sinks.One<Void> done = Sinks.one();
            queue.add(new Pending(owner, sourceId, poll, done));
            scheduleFlush();
            return done.asMono();
        });
    }

    // one flush pending at a time; it takes everything queued by then (up to MOST per statement)
    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            Mono.delay(LINGER).subscribe(tick -> flush());
        }
    }

    private void flush() {
        flushScheduled.set(false);
        while (!queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < MOST && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                write(batch).subscribe();
            }
        }
    }

    private Mono<Void> write(List<Pending> batch) {
        return db.sql(NOT_MODIFIED)
                .bind("lockIds", batch.stream().map(Pending::sourceId).toArray(String[]::new))
                .bind("ids", batch.stream().map(Pending::sourceId).toArray(String[]::new))
                .bind("owners", batch.stream().map(Pending::owner).toArray(String[]::new))
                .bind(
                        "nexts",
                        batch.stream().map(p -> p.poll().next().toString()).toArray(String[]::new))
                .bind("statuses", batch.stream().map(p -> p.poll().status()).toArray(Integer[]::new))
                .bind(
                        "intervals",
                        batch.stream()
                                .map(p -> p.poll().intervalSeconds() == null
                                        ? null
                                        : p.poll().intervalSeconds().toString())
                                .toArray(String[]::new))
                .bind(
                        "durations",
                        batch.stream().map(p -> p.poll().durationMillis()).toArray(Integer[]::new))
                .map(row -> row.get("id", String.class))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .doOnNext(written -> batch.forEach(p -> {
                    if (!written.contains(p.sourceId())) {
                        PollOutcomes.warnIfLost(0, p.sourceId(), p.owner(), "not modified");
                    }
                    p.done().tryEmitEmpty();
                }))
                .doOnError(error -> batch.forEach(p -> p.done().tryEmitError(error)))
                .onErrorResume(error -> Mono.empty())
                .then();
    }
}

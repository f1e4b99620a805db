package io.countywatch.aggregator.db;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code readReplica} health component: with {@code aggregator.db.read-url}, whether the replica answers a read
 * now, DOWN with the reason when it does not (feeds then come from the cache, marked stale, and the other reads answer
 * 503). Without a replica the reads go to the primary, which {@code databaseWrites} and {@code r2dbc} watch: UP.
 */
@Component("readReplica")
class ReadReplicaHealth implements ReactiveHealthIndicator {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final ReadDatabase reads;

    ReadReplicaHealth(ReadDatabase reads) {
        this.reads = reads;
    }

    @Override
    public Mono<Health> health() {
        if (!reads.lags()) {
            return Mono.just(Health.up()
                    .withDetail("replica", "none: reads go to the primary")
                    .build());
        }
        return reads.client()
                .sql("SELECT 1 AS one")
                .map(row -> row.get("one", Integer.class))
                .one()
                .timeout(PROBE_TIMEOUT)
                .map(one -> Health.up().build())
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("error", "the read replica (aggregator.db.read-url) does not answer: " + e)
                        .build()));
    }
}

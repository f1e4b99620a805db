package io.countywatch.aggregator.poll;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line for large rounds, at most once per period and only while there is work: how many sources are due,
 * how many are being polled on how many sites, and how many polls ended since the last line.
 */
final class RoundProgress {

    private final long periodNanos;
    private final AtomicLong done = new AtomicLong();
    private long lastLine = System.nanoTime();

    RoundProgress(Duration period) {
        this.periodNanos = period.toNanos();
    }

    void done() {
        done.incrementAndGet();
    }

    /** Called once per tick (never concurrently): the line to log now, if any. */
    Optional<String> tick(long due, int polling, int sites) {
        long now = System.nanoTime();
        if (now - lastLine < periodNanos) {
            return Optional.empty();
        }
        long ended = done.getAndSet(0);
        lastLine = now;
        if (ended == 0 && polling == 0 && due == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                "Polling: %d sources due, %d in flight on %d sites, %d done in the last %d s",
                due, polling, sites, ended, Duration.ofNanos(periodNanos).toSeconds()));
    }
}

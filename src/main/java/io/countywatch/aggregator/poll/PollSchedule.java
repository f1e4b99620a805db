package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to poll a source next: its interval with ±10 % jitter (so sources with equal intervals drift apart), or
 * after a failure an exponential backoff capped at six hours, never sooner than the server's Retry-After.
 */
final class PollSchedule {

    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final RandomGenerator random;

    PollSchedule(RandomGenerator random) {
        this.random = random;
    }

    Instant afterSuccess(SourceDefinition source, Instant now) {
        long millis = source.interval().toMillis();
        long jitter = (long) (millis * 0.1 * (random.nextDouble() * 2 - 1));
        return now.plusMillis(Math.max(1000, millis + jitter));
    }

    Instant afterFailure(SourceDefinition source, int failuresBefore, Duration retryAfter, Instant now) {
        Duration base = source.interval().compareTo(Duration.ofMinutes(1)) < 0 ? source.interval() : Duration.ofMinutes(1);
        int exponent = Math.min(failuresBefore, 16);
        Duration backoff = base.multipliedBy(1L << exponent);
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryAfter;
        }
        return now.plus(backoff);
    }
}

package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to poll a source next: its (adaptive) interval with ±10 % jitter (so sources with equal intervals drift
 * apart), or after a failure an exponential backoff capped at six hours, never sooner than the server's
 * Retry-After. A source failing for longer than the dead-after time is dead: it is tried only every dead-retry,
 * and comes back by itself on its first success.
 */
final class PollSchedule {

    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final RandomGenerator random;

    PollSchedule(RandomGenerator random) {
        this.random = random;
    }

    Instant afterSuccess(Duration interval, Instant now) {
        return now.plusMillis(Math.max(1000, jittered(interval.toMillis())));
    }

    Instant afterFailure(SourceDefinition source, int failuresBefore, Duration retryAfter, Instant now) {
        Duration base =
                source.interval().compareTo(Duration.ofMinutes(1)) < 0 ? source.interval() : Duration.ofMinutes(1);
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

    /** A dead source's next try: the dead-retry time, jittered so that dead sources do not return in a herd. */
    Instant afterDeadFailure(Duration deadRetry, Instant now) {
        return now.plusMillis(jittered(deadRetry.toMillis()));
    }

    /** Dead when the run of failures that this poll continues began more than {@code deadAfter} ago. */
    static boolean isDead(Instant failingSince, Instant now, Duration deadAfter) {
        return failingSince != null && !failingSince.plus(deadAfter).isAfter(now);
    }

    private long jittered(long millis) {
        return millis + (long) (millis * 0.1 * (random.nextDouble() * 2 - 1));
    }
}

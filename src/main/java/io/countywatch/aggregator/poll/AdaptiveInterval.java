package io.countywatch.aggregator.poll;

import java.time.Duration;

/**
 * The adaptive polling interval: a poll that found new items shortens the interval, a poll that found none (or a
 * 304) lengthens it, always within the source's {@code min-interval..max-interval}. Shortening is faster than
 * lengthening (×0.5 for three or more new items, ×0.75 for one or two, ×1.25 for none), so a source that wakes up
 * is caught up with within a few polls, while a quiet one drifts out slowly.
 */
final class AdaptiveInterval {

    private AdaptiveInterval() {}

    /**
     * @param current the interval in use (the configured interval before the first adaptation)
     * @param newItems items this poll stored for the first time
     */
    static Duration next(Duration current, int newItems, Duration min, Duration max) {
        double factor = newItems >= 3 ? 0.5 : newItems > 0 ? 0.75 : 1.25;
        long millis = Math.round(current.toMillis() * factor);
        Duration next = Duration.ofMillis(millis);
        if (next.compareTo(min) < 0) {
            return min;
        }
        return next.compareTo(max) > 0 ? max : next;
    }
}

package io.countywatch.aggregator.poll;

/** How long one poll has taken so far, on the monotonic clock (an injected wall Clock may be fixed in tests). */
final class PollTimer {

    private final long start = System.nanoTime();

    int millis() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }
}

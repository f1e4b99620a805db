package io.countywatch.aggregator.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * What one fixture site sees, by its own clock: requests in flight now and at most, and the shortest gap between two
 * request starts. A handler wrapped by {@link #counting} is counted from its start to the end of its answer.
 */
public final class SiteCounts {

    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    public final AtomicLong minGapNanos = new AtomicLong(Long.MAX_VALUE);
    public final AtomicInteger requests = new AtomicInteger();
    private long lastStart;

    public synchronized void started() {
        long now = System.nanoTime();
        if (lastStart != 0) {
            minGapNanos.accumulateAndGet(now - lastStart, Math::min);
        }
        lastStart = now;
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    public void ended() {
        inFlight.decrementAndGet();
    }

    /** Forgets the peaks (not the requests), for the next round of a benchmark. */
    public synchronized void resetPeaks() {
        minGapNanos.set(Long.MAX_VALUE);
        maxInFlight.set(0);
        lastStart = 0;
    }

    public FixtureWeb.Handler counting(FixtureWeb.Handler handler) {
        return (request, response) -> {
            started();
            return Mono.from(handler.handle(request, response)).doFinally(signal -> ended());
        };
    }
}

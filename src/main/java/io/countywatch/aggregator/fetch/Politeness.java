package io.countywatch.aggregator.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Admits requests under the politeness limits: in-flight counts and start spacing per host and per registrable
 * domain, and one global in-flight bound. A request that may not start yet waits (without a thread) and asks
 * again; waiting does not count against its own timeout. A host that answered 429 or 5xx is penalized: one request
 * at a time, four times the spacing, for the penalty time or its Retry-After.
 */
final class Politeness {

    // how often a request blocked by a full host (not by spacing) looks again
    private static final Duration RECHECK = Duration.ofMillis(25);
    private static final Duration MAX_RETRY_AFTER_HOLD = Duration.ofHours(1);

    private final FetchProperties limits;
    private final LongSupplier nanos;
    private final Map<String, Slot> slots = new HashMap<>();
    private int globalInFlight;

    Politeness(FetchProperties limits, LongSupplier nanos) {
        this.limits = limits;
        this.nanos = nanos;
    }

    /** Runs the call when the limits allow, and releases its place however it ends. */
    <T> Mono<T> admit(URI url, Supplier<Mono<T>> call) {
        HostKeys keys = HostKeys.of(url);
        return acquire(keys).then(Mono.defer(call)).doFinally(signal -> release(keys));
    }

    private Mono<Void> acquire(HostKeys keys) {
        return Mono.defer(() -> {
            long waitNanos = tryAcquire(keys);
            return waitNanos == 0 ? Mono.empty() : Mono.delay(Duration.ofNanos(waitNanos)).then(acquire(keys));
        });
    }

    /** Takes a place and returns 0, or returns how long to wait before asking again. */
    synchronized long tryAcquire(HostKeys keys) {
        long now = nanos.getAsLong();
        Slot host = slot("host:" + keys.host(), limits.hostConcurrency(), limits.hostSpacing());
        Slot domain = slot("domain:" + keys.domain(), limits.domainConcurrency(), limits.domainSpacing());
        long wait = Math.max(host.waitFor(now), domain.waitFor(now));
        if (wait == 0 && globalInFlight >= limits.globalConcurrency()) {
            wait = RECHECK.toNanos();
        }
        if (wait > 0) {
            return wait;
        }
        host.start(now);
        domain.start(now);
        globalInFlight++;
        return 0;
    }

    synchronized void release(HostKeys keys) {
        slots.get("host:" + keys.host()).inFlight--;
        slots.get("domain:" + keys.domain()).inFlight--;
        globalInFlight--;
    }

    /** The host (and its domain) answered 429 or 5xx: slow down. */
    synchronized void penalize(URI url, Duration retryAfter) {
        HostKeys keys = HostKeys.of(url);
        long now = nanos.getAsLong();
        Duration hold = retryAfter == null ? Duration.ZERO : min(retryAfter, MAX_RETRY_AFTER_HOLD);
        for (String key : new String[] {"host:" + keys.host(), "domain:" + keys.domain()}) {
            Slot slot = slots.get(key);
            if (slot != null) {
                slot.penaltyUntil = now + Math.max(limits.penalty().toNanos(), hold.toNanos());
                slot.everPenalized = true;
                long resume = now + hold.toNanos();
                if (slot.nextStart == Long.MIN_VALUE || resume - slot.nextStart > 0) {
                    slot.nextStart = resume;
                }
            }
        }
    }

    /** How many requests are in flight to a host now (for tests and metrics). */
    synchronized int inFlight(String host) {
        Slot slot = slots.get("host:" + host);
        return slot == null ? 0 : slot.inFlight;
    }

    private Slot slot(String key, int concurrency, Duration spacing) {
        return slots.computeIfAbsent(key, k -> new Slot(Math.max(1, concurrency), spacing.toNanos()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final class Slot {
        final int concurrency;
        final long spacing;
        int inFlight;
        long nextStart = Long.MIN_VALUE;
        long penaltyUntil;
        boolean everPenalized;

        Slot(int concurrency, long spacing) {
            this.concurrency = concurrency;
            this.spacing = spacing;
        }

        long waitFor(long now) {
            boolean penalized = penalized(now);
            int allowed = penalized ? 1 : concurrency;
            if (inFlight >= allowed) {
                return RECHECK.toNanos();
            }
            return nextStart == Long.MIN_VALUE || now - nextStart >= 0 ? 0 : nextStart - now;
        }

        // nanoTime values are compared by difference only, as System.nanoTime requires
        boolean penalized(long now) {
            return everPenalized && now - penaltyUntil < 0;
        }

        void start(long now) {
            boolean penalized = penalized(now);
            inFlight++;
            nextStart = now + (penalized ? Math.max(spacing * 4, 1_000_000_000L) : spacing);
        }
    }
}

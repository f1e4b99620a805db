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
 *
 * <p>Spacing is counted from the moment the previous request to the host was <em>answered</em> (its headers came),
 * and no second request is admitted while one is still unanswered. Counting from admission is not enough: under load
 * a request may wait for a connection or an event loop after admission, and two requests admitted a second apart
 * would reach the site together. Overlap (concurrency above 1) happens only while bodies stream.
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
        return admit(url, permit -> call.get());
    }

    /** As above; the call reports {@link Permit#answered()} when the response headers arrive. */
    <T> Mono<T> admit(URI url, java.util.function.Function<Permit, Mono<T>> call) {
        HostKeys keys = HostKeys.of(url);
        Permit permit = new Permit(keys);
        return acquire(keys).then(Mono.defer(() -> call.apply(permit))).doFinally(signal -> release(permit));
    }

    /** One admitted request. */
    final class Permit {
        private final HostKeys keys;
        private boolean answered;

        private Permit(HostKeys keys) {
            this.keys = keys;
        }

        /** The response headers arrived: the next request to the host may be spaced from now. */
        void answered() {
            synchronized (Politeness.this) {
                if (!answered) {
                    answered = true;
                    long now = nanos.getAsLong();
                    slots.get("host:" + keys.host()).answered(now);
                    slots.get("domain:" + keys.domain()).answered(now);
                }
            }
        }
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

    synchronized void release(Permit permit) {
        permit.answered();
        release(permit.keys);
    }

    /** The request's answer came and it is done: for tests, which have no permits. */
    synchronized void finish(HostKeys keys) {
        long now = nanos.getAsLong();
        slots.get("host:" + keys.host()).answered(now);
        slots.get("domain:" + keys.domain()).answered(now);
        release(keys);
    }

    private synchronized void release(HostKeys keys) {
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
        int unanswered;
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
            if (inFlight >= allowed || unanswered > 0) {
                return RECHECK.toNanos();
            }
            return nextStart == Long.MIN_VALUE || now - nextStart >= 0 ? 0 : nextStart - now;
        }

        // nanoTime values are compared by difference only, as System.nanoTime requires
        boolean penalized(long now) {
            return everPenalized && now - penaltyUntil < 0;
        }

        void start(long now) {
            inFlight++;
            unanswered++;
            nextStart = now + spacing(now);
        }

        void answered(long now) {
            unanswered--;
            long next = now + spacing(now);
            if (next - nextStart > 0) {
                nextStart = next;
            }
        }

        private long spacing(long now) {
            return penalized(now) ? Math.max(spacing * 4, 1_000_000_000L) : spacing;
        }
    }
}

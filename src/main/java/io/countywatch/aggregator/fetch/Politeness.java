package io.countywatch.aggregator.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Admits requests under the politeness limits: in-flight counts and start spacing per host and per registrable
 * domain, and one global in-flight bound. Each request brings its own {@link HostLimits} (a source's settings) and is
 * checked against what the host's slot has seen from every request, so a later request with other limits (after a
 * reload of the sources file) is held to those at once. A request that may not start yet waits (without a thread) and
 * asks again; waiting does not count against its own timeout. A host that answered 429 or 5xx is penalized: one
 * request at a time, four times the spacing (at least 1 s), for the penalty time or its Retry-After.
 *
 * <p>Spacing is counted from the moment the previous request to the host was <em>answered</em> (its headers came),
 * and while spacing is asked for, no second request is admitted while one is still unanswered. Counting from
 * admission is not enough: under load a request may wait for a connection or an event loop after admission, and two
 * requests admitted a second apart would reach the site together. With spacing, overlap (concurrency above 1) happens
 * only while bodies stream; with a spacing of zero, up to the concurrency may wait for their answers at once.
 */
final class Politeness {

    // how often a request blocked by a full host (not by spacing) looks again
    private static final Duration RECHECK = Duration.ofMillis(25);
    private static final Duration MAX_RETRY_AFTER_HOLD = Duration.ofHours(1);
    private static final long PENALTY_MIN_SPACING = Duration.ofSeconds(1).toNanos();

    private final FetchProperties properties;
    private final HostLimits defaults;
    private final LongSupplier nanos;
    private final Map<String, Slot> slots = new HashMap<>();
    private int globalInFlight;

    Politeness(FetchProperties properties, LongSupplier nanos) {
        this.properties = properties;
        this.defaults = HostLimits.of(properties);
        this.nanos = nanos;
    }

    /**
     * Runs the call when the limits allow, and releases its place however it ends; a request cancelled while it waits
     * (a poll's deadline, shutdown) holds no place and frees none. Null limits mean the defaults.
     */
    <T> Mono<T> admit(URI url, HostLimits limits, Function<Permit, Mono<T>> call) {
        HostKeys keys = HostKeys.of(url);
        HostLimits held = limits == null ? defaults : limits;
        return Mono.defer(() -> {
            Permit permit = new Permit(keys);
            return acquire(permit, held)
                    .then(Mono.defer(() -> call.apply(permit)))
                    .doFinally(signal -> release(permit));
        });
    }

    /** One admitted request. */
    final class Permit {
        private final HostKeys keys;
        // set under the lock in the same step that takes the place, so a cancel at any moment releases exactly once
        private boolean admitted;
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
                    host(keys).answered(now);
                    domain(keys).answered(now);
                }
            }
        }
    }

    // After a wait the request asks again by resubscribing, not by nesting: it may wait behind a busy host for hours
    // of rechecks, and a chain that grew by one operator per ask would overflow the stack.
    private Mono<Void> acquire(Permit permit, HostLimits limits) {
        return Mono.fromCallable(() -> admitNow(permit, limits))
                .flatMap(wait -> wait == 0
                        ? Mono.just(wait)
                        : Mono.delay(Duration.ofNanos(wait)).then(Mono.<Long>empty()))
                .repeatWhenEmpty(asks -> asks)
                .then();
    }

    private synchronized long admitNow(Permit permit, HostLimits limits) {
        long wait = tryAcquire(permit.keys, limits);
        permit.admitted = wait == 0;
        return wait;
    }

    /** Takes a place and returns 0, or returns how long to wait before asking again. */
    synchronized long tryAcquire(HostKeys keys, HostLimits limits) {
        long now = nanos.getAsLong();
        Slot host = host(keys);
        Slot domain = domain(keys);
        long wait = Math.max(
                host.waitFor(now, limits.hostConcurrency(), limits.hostSpacing().toNanos()),
                domain.waitFor(
                        now, limits.domainConcurrency(), limits.domainSpacing().toNanos()));
        if (wait == 0 && globalInFlight >= properties.globalConcurrency()) {
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

    private synchronized void release(Permit permit) {
        if (!permit.admitted) {
            return;
        }
        permit.answered();
        host(permit.keys).inFlight--;
        domain(permit.keys).inFlight--;
        globalInFlight--;
    }

    /** The host (and its domain) answered 429 or 5xx: slow down. */
    synchronized void penalize(URI url, Duration retryAfter) {
        HostKeys keys = HostKeys.of(url);
        long now = nanos.getAsLong();
        Duration hold = retryAfter == null ? Duration.ZERO : min(retryAfter, MAX_RETRY_AFTER_HOLD);
        for (Slot slot : new Slot[] {host(keys), domain(keys)}) {
            slot.penaltyUntil = now + Math.max(properties.penalty().toNanos(), hold.toNanos());
            slot.everPenalized = true;
            long resume = now + hold.toNanos();
            if (!slot.held || resume - slot.holdUntil > 0) {
                slot.holdUntil = resume;
                slot.held = true;
            }
        }
    }

    private Slot host(HostKeys keys) {
        return slots.computeIfAbsent("host:" + keys.host(), k -> new Slot());
    }

    private Slot domain(HostKeys keys) {
        return slots.computeIfAbsent("domain:" + keys.domain(), k -> new Slot());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** What one host or domain has seen; the limits come with each request. */
    private static final class Slot {
        int inFlight;
        int unanswered;
        // the latest request start or answer; spacing counts from here (nanoTime, compared by difference only)
        long lastMark;
        boolean marked;
        // no start before this (Retry-After)
        long holdUntil;
        boolean held;
        long penaltyUntil;
        boolean everPenalized;

        long waitFor(long now, int concurrency, long spacing) {
            boolean penalized = everPenalized && now - penaltyUntil < 0;
            int allowed = penalized ? 1 : Math.max(1, concurrency);
            long gap = penalized ? Math.max(spacing * 4, PENALTY_MIN_SPACING) : spacing;
            if (gap > 0 && unanswered > 0) {
                // the next start is at least `gap` after an answer that has not come yet: asking again sooner is
                // always refused, and with hundreds of polls waiting on a few hosts those refusals cost CPU
                return Math.max(gap, RECHECK.toNanos());
            }
            long next = marked ? lastMark + gap : now;
            if (inFlight >= allowed) {
                return Math.max(RECHECK.toNanos(), next - now);
            }
            if (held && holdUntil - next > 0) {
                next = holdUntil;
            }
            return now - next >= 0 ? 0 : next - now;
        }

        void start(long now) {
            inFlight++;
            unanswered++;
            mark(now);
        }

        void answered(long now) {
            unanswered--;
            mark(now);
        }

        private void mark(long now) {
            if (!marked || now - lastMark > 0) {
                lastMark = now;
                marked = true;
            }
        }
    }
}

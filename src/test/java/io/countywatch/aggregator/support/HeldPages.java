package io.countywatch.aggregator.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A {@link FixtureWeb.Handler} for measuring concurrency per host: pages whose headers and first half go out at once,
 * but whose second half waits until the next request to these pages has arrived (or the expected number have). So a
 * second request is in flight while the first is whenever the client's limits allow two, and the peak counted here is
 * exactly the client's limit, not a matter of timing. A request leaves the count just before its last bytes go out,
 * so a client already sending its next request is never counted as overlapping.
 */
public final class HeldPages implements FixtureWeb.Handler {

    // a fallback, so that a client allowing one request less than expected ends with a failed count, not a hang
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(3);

    private final int expected;
    private final String head;
    private final String tail;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<Sinks.Empty<Void>> gates = new ArrayList<>();

    /** @param head and {@code tail}: the two halves of every page (UTF-8 HTML) */
    public HeldPages(int expected, String head, String tail) {
        this.expected = expected;
        this.head = head;
        this.tail = tail;
    }

    @Override
    public Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Sinks.Empty<Void> gate = Sinks.empty();
        synchronized (this) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            int index = arrivals.getAndIncrement();
            gates.add(gate);
            if (index > 0) {
                gates.get(index - 1).tryEmitEmpty();
            }
            if (index >= expected - 1) {
                gate.tryEmitEmpty();
            }
        }
        Mono<String> rest = gate.asMono().timeout(LONGEST_HOLD, Mono.empty()).then(Mono.fromCallable(() -> {
            inFlight.decrementAndGet();
            return tail;
        }));
        return response.header("Content-Type", "text/html; charset=utf-8")
                .sendString(Flux.concat(Mono.just(head), rest))
                .then();
    }

    /** Requests that have arrived so far. */
    public int arrivals() {
        return arrivals.get();
    }

    /** The most requests that were in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }
}

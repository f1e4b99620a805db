package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Drives politeness the way the fetcher does: each request goes through {@link Politeness#admit}, answers when the
 * test says (its headers came) and finishes when the test says (its body ended). Politeness's clock and its waits
 * both run on virtual time, so a spacing is checked to the nanosecond: not started just before, started at it.
 */
class PolitenessTest {

    static final String XIAOCHANG = "http://www.xiaochang.gov.cn/1";
    // a request held back by a full host (not by spacing) looks again after a short recheck; this is well past it
    static final Duration SOON = Duration.ofMillis(100);

    final VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();

    @AfterEach
    void realTimeAgain() {
        VirtualTimeScheduler.reset();
    }

    Politeness politeness(int host, long hostSpacingMs, int domain, long domainSpacingMs, int global) {
        return new Politeness(
                new FetchProperties(
                        host,
                        Duration.ofMillis(hostSpacingMs),
                        domain,
                        Duration.ofMillis(domainSpacingMs),
                        global,
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(15),
                        Duration.ofHours(24),
                        false),
                () -> time.now(TimeUnit.NANOSECONDS));
    }

    /** A request admitted as the fetcher admits one; it stays unanswered until the test answers it. */
    static final class Request {
        private final Sinks.Empty<Void> body = Sinks.empty();
        private Politeness.Permit permit;

        boolean started() {
            return permit != null;
        }

        /** Its headers came; its body still streams. */
        void answer() {
            permit.answered();
        }

        /** Its headers came and its body ended: the place is free. */
        void finish() {
            permit.answered();
            body.tryEmitEmpty();
        }
    }

    /** Under the application properties' limits, as for a request that brings none. */
    static Request request(Politeness politeness, String url) {
        return request(politeness, url, null);
    }

    static Request request(Politeness politeness, String url, HostLimits limits) {
        Request request = new Request();
        politeness
                .admit(URI.create(url), limits, permit -> {
                    request.permit = permit;
                    return request.body.asMono();
                })
                .subscribe();
        return request;
    }

    void assertStartsAfter(Request request, Duration wait) {
        time.advanceTimeBy(wait.minusNanos(1));
        assertThat(request.started()).as("started before %s", wait).isFalse();
        time.advanceTimeBy(Duration.ofNanos(1));
        assertThat(request.started()).as("started at %s", wait).isTrue();
    }

    @Test
    void oneRequestPerHostAtATimeByDefault() {
        Politeness politeness = politeness(1, 0, 10, 0, 10);
        Request first = request(politeness, XIAOCHANG);
        Request second = request(politeness, XIAOCHANG);
        assertThat(first.started()).isTrue();
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(second.started()).isFalse();
        first.finish();
        time.advanceTimeBy(SOON);
        assertThat(second.started()).isTrue();
    }

    @Test
    void noSecondRequestStartsWhileTheFirstIsUnansweredWhenSpacingIsAskedFor() {
        Politeness politeness = politeness(4, 1, 10, 0, 10);
        Request first = request(politeness, XIAOCHANG);
        time.advanceTimeBy(Duration.ofMillis(50));
        Request second = request(politeness, XIAOCHANG);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(second.started()).isFalse();
        // the answer's headers came: its body may stream while the next request starts (at its next ask)
        first.answer();
        time.advanceTimeBy(SOON);
        assertThat(second.started()).isTrue();
    }

    @Test
    void aRequestWaitingForAnUnansweredOneIsToldToWaitAtLeastTheSpacingNotToSpin() {
        HostLimits limits = new HostLimits(2, Duration.ofMillis(300), 10, Duration.ZERO);
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        Request first = request(politeness, XIAOCHANG, limits);
        HostKeys keys = HostKeys.of(URI.create(XIAOCHANG));
        // no start can come sooner than 300 ms after the answer still awaited: the asker is told to wait that long
        assertThat(politeness.tryAcquire(keys, limits))
                .isEqualTo(Duration.ofMillis(300).toNanos());
        time.advanceTimeBy(Duration.ofMillis(20));
        first.finish();
        time.advanceTimeBy(Duration.ofMillis(100));
        // answered 100 ms ago: the rest of the spacing, exactly
        assertThat(politeness.tryAcquire(keys, limits))
                .isEqualTo(Duration.ofMillis(200).toNanos());
        assertStartsAfter(request(politeness, XIAOCHANG, limits), Duration.ofMillis(200));
    }

    @Test
    void withoutSpacingUnansweredRequestsOverlapUpToTheConcurrency() {
        Politeness politeness = politeness(2, 0, 10, 0, 10);
        assertThat(request(politeness, XIAOCHANG).started()).isTrue();
        assertThat(request(politeness, XIAOCHANG).started()).isTrue();
        Request third = request(politeness, XIAOCHANG);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(third.started()).isFalse();
    }

    @Test
    void eachRequestIsHeldToTheLimitsItBrings() {
        Politeness politeness = politeness(1, 1000, 1, 1000, 10);
        HostLimits relaxed = new HostLimits(3, Duration.ZERO, 3, Duration.ZERO);
        Request first = request(politeness, XIAOCHANG, relaxed);
        Request second = request(politeness, XIAOCHANG, relaxed);
        assertThat(request(politeness, XIAOCHANG, relaxed).started()).isTrue();
        assertThat(first.started() && second.started()).isTrue();
        Request fourth = request(politeness, XIAOCHANG, relaxed);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(fourth.started()).isFalse();
        first.finish();
        second.finish();
        time.advanceTimeBy(SOON);
        assertThat(fourth.started()).isTrue();
        // the application properties' limits still hold for a request that brings none
        Request strict = request(politeness, XIAOCHANG);
        assertThat(request(politeness, XIAOCHANG, relaxed).started()).isTrue();
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(strict.started()).isFalse();
    }

    @Test
    void aRequestWithLongerSpacingWaitsForItAfterAnyRequestToTheHost() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        HostLimits quick = new HostLimits(1, Duration.ofMillis(100), 1, Duration.ZERO);
        HostLimits slow = new HostLimits(1, Duration.ofMillis(700), 1, Duration.ZERO);
        request(politeness, XIAOCHANG, quick).finish();
        Request quickAgain = request(politeness, XIAOCHANG, quick);
        assertStartsAfter(quickAgain, Duration.ofMillis(100));
        quickAgain.finish();
        assertStartsAfter(request(politeness, XIAOCHANG, slow), Duration.ofMillis(700));
    }

    @Test
    void domainLimitsComeWithTheRequestToo() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        HostLimits sharedServer = new HostLimits(1, Duration.ZERO, 1, Duration.ofMillis(400));
        request(politeness, "http://www.xiaochang.gov.cn/", sharedServer).finish();
        assertStartsAfter(request(politeness, "http://xxgk.xiaochang.gov.cn/", sharedServer), Duration.ofMillis(400));
    }

    @Test
    void requestStartsToOneHostAreSpacedFromTheLastAnswer() {
        Politeness politeness = politeness(4, 1000, 10, 0, 10);
        Request first = request(politeness, XIAOCHANG);
        time.advanceTimeBy(Duration.ofMillis(300));
        first.finish();
        assertStartsAfter(request(politeness, XIAOCHANG), Duration.ofMillis(1000));
    }

    @Test
    void hostsOfOneRegistrableDomainShareItsLimits() {
        Politeness politeness = politeness(1, 0, 1, 500, 10);
        assertThat(request(politeness, "http://www.xiaochang.gov.cn/").started())
                .isTrue();
        Request sameDomain = request(politeness, "http://xxgk.xiaochang.gov.cn/");
        // another county under the same public suffix is not held back
        assertThat(request(politeness, "http://www.yunmeng.gov.cn/").started()).isTrue();
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(sameDomain.started()).isFalse();
    }

    @Test
    void theGlobalBoundHoldsAcrossHosts() {
        Politeness politeness = politeness(1, 0, 1, 0, 2);
        Request first = request(politeness, "http://a.example.com/");
        assertThat(request(politeness, "http://b.example.org/").started()).isTrue();
        Request third = request(politeness, "http://c.example.net/");
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(third.started()).isFalse();
        first.finish();
        time.advanceTimeBy(SOON);
        assertThat(third.started()).isTrue();
    }

    @Test
    void aPenalizedHostGetsOneRequestAtATimeAndLongerSpacingUntilThePenaltyEnds() {
        Politeness politeness = politeness(3, 100, 3, 0, 10);
        Request first = request(politeness, XIAOCHANG);
        politeness.penalize(URI.create(XIAOCHANG), null);
        first.answer();
        Request second = request(politeness, XIAOCHANG);
        time.advanceTimeBy(Duration.ofSeconds(2));
        // the first still streams its body: a penalized host allows no second request, spaced or not
        assertThat(second.started()).isFalse();
        first.finish();
        time.advanceTimeBy(SOON);
        assertThat(second.started()).isTrue();
        second.finish();
        // spacing is now at least one second
        Request third = request(politeness, XIAOCHANG);
        assertStartsAfter(third, Duration.ofSeconds(1));
        third.finish();
        time.advanceTimeBy(Duration.ofMinutes(11));
        Request afterPenalty = request(politeness, XIAOCHANG);
        assertThat(afterPenalty.started()).isTrue();
        afterPenalty.finish();
        assertStartsAfter(request(politeness, XIAOCHANG), Duration.ofMillis(100));
    }

    @Test
    void retryAfterHoldsTheHostBack() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        request(politeness, XIAOCHANG).finish();
        politeness.penalize(URI.create(XIAOCHANG), Duration.ofSeconds(120));
        assertStartsAfter(request(politeness, XIAOCHANG), Duration.ofSeconds(120));
    }

    @Test
    void aRequestThatFailsFreesItsPlace() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        politeness
                .admit(URI.create(XIAOCHANG), null, permit -> Mono.error(new IllegalStateException("reset")))
                .subscribe(value -> {}, error -> {});
        assertThat(request(politeness, XIAOCHANG).started()).isTrue();
    }

    @Test
    void aRequestCancelledWhileWaitingFreesNoPlaceItNeverHad() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        Request first = request(politeness, XIAOCHANG);
        politeness
                .admit(URI.create(XIAOCHANG), null, permit -> Mono.never())
                .subscribe()
                .dispose();
        Request third = request(politeness, XIAOCHANG);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(first.started()).isTrue();
        assertThat(third.started()).as("started beside one still in flight").isFalse();
    }
}

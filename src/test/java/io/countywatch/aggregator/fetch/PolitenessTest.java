package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PolitenessTest {

    static final long MS = 1_000_000L;

    final AtomicLong now = new AtomicLong(5_000 * MS);

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
                now::get);
    }

    static HostKeys keys(String url) {
        return HostKeys.of(URI.create(url));
    }

    @Test
    void oneRequestPerHostAtATimeByDefault() {
        Politeness politeness = politeness(1, 0, 10, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        assertThat(politeness.tryAcquire(a)).isZero();
        assertThat(politeness.tryAcquire(a)).isPositive();
        politeness.finish(a);
        assertThat(politeness.tryAcquire(a)).isZero();
    }

    @Test
    void noSecondRequestStartsWhileTheFirstIsUnansweredWhenSpacingIsAskedFor() {
        Politeness politeness = politeness(4, 1, 10, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        assertThat(politeness.tryAcquire(a)).isZero();
        now.addAndGet(50 * MS);
        assertThat(politeness.tryAcquire(a)).isPositive();
    }

    @Test
    void aRequestWaitingForAnUnansweredOneIsToldToWaitAtLeastTheSpacingNotToSpin() {
        Politeness politeness = politeness(2, 300, 10, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        assertThat(politeness.tryAcquire(a)).isZero();
        // no start can come sooner than 300 ms after the answer still awaited
        assertThat(politeness.tryAcquire(a)).isEqualTo(300 * MS);
        now.addAndGet(20 * MS);
        politeness.finish(a);
        now.addAndGet(100 * MS);
        // answered 100 ms ago: the rest of the spacing, exactly
        assertThat(politeness.tryAcquire(a)).isEqualTo(200 * MS);
        now.addAndGet(200 * MS);
        assertThat(politeness.tryAcquire(a)).isZero();
    }

    @Test
    void withoutSpacingUnansweredRequestsOverlapUpToTheConcurrency() {
        Politeness politeness = politeness(2, 0, 10, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        assertThat(politeness.tryAcquire(a)).isZero();
        assertThat(politeness.tryAcquire(a)).isZero();
        assertThat(politeness.tryAcquire(a)).isPositive();
    }

    @Test
    void eachRequestIsHeldToTheLimitsItBrings() {
        Politeness politeness = politeness(1, 1000, 1, 1000, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        HostLimits relaxed = new HostLimits(3, Duration.ZERO, 3, Duration.ZERO);
        assertThat(politeness.tryAcquire(a, relaxed)).isZero();
        assertThat(politeness.tryAcquire(a, relaxed)).isZero();
        assertThat(politeness.tryAcquire(a, relaxed)).isZero();
        assertThat(politeness.tryAcquire(a, relaxed)).isPositive();
        // the application properties' limits still hold for a request that brings none
        politeness.finish(a);
        politeness.finish(a);
        assertThat(politeness.tryAcquire(a)).isPositive();
    }

    @Test
    void aRequestWithLongerSpacingWaitsForItAfterAnyRequestToTheHost() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        HostLimits quick = new HostLimits(1, Duration.ofMillis(100), 1, Duration.ZERO);
        HostLimits slow = new HostLimits(1, Duration.ofMillis(700), 1, Duration.ZERO);
        assertThat(politeness.tryAcquire(a, quick)).isZero();
        politeness.finish(a);
        assertThat(politeness.tryAcquire(a, slow)).isEqualTo(700 * MS);
        assertThat(politeness.tryAcquire(a, quick)).isEqualTo(100 * MS);
    }

    @Test
    void domainLimitsComeWithTheRequestToo() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        HostLimits sharedServer = new HostLimits(1, Duration.ZERO, 1, Duration.ofMillis(400));
        assertThat(politeness.tryAcquire(keys("http://www.xiaochang.gov.cn/"), sharedServer))
                .isZero();
        politeness.finish(keys("http://www.xiaochang.gov.cn/"));
        assertThat(politeness.tryAcquire(keys("http://xxgk.xiaochang.gov.cn/"), sharedServer))
                .isEqualTo(400 * MS);
    }

    @Test
    void requestStartsToOneHostAreSpacedFromTheLastAnswer() {
        Politeness politeness = politeness(4, 1000, 10, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/1");
        assertThat(politeness.tryAcquire(a)).isZero();
        now.addAndGet(300 * MS);
        politeness.finish(a);
        assertThat(politeness.tryAcquire(a)).isEqualTo(1000 * MS);
        now.addAndGet(1000 * MS);
        assertThat(politeness.tryAcquire(a)).isZero();
    }

    @Test
    void hostsOfOneRegistrableDomainShareItsLimits() {
        Politeness politeness = politeness(1, 0, 1, 500, 10);
        assertThat(politeness.tryAcquire(keys("http://www.xiaochang.gov.cn/"))).isZero();
        assertThat(politeness.tryAcquire(keys("http://xxgk.xiaochang.gov.cn/"))).isPositive();
        // another county under the same public suffix is not held back
        assertThat(politeness.tryAcquire(keys("http://www.yunmeng.gov.cn/"))).isZero();
    }

    @Test
    void theGlobalBoundHoldsAcrossHosts() {
        Politeness politeness = politeness(1, 0, 1, 0, 2);
        assertThat(politeness.tryAcquire(keys("http://a.example.com/"))).isZero();
        assertThat(politeness.tryAcquire(keys("http://b.example.org/"))).isZero();
        assertThat(politeness.tryAcquire(keys("http://c.example.net/"))).isPositive();
        politeness.finish(keys("http://a.example.com/"));
        assertThat(politeness.tryAcquire(keys("http://c.example.net/"))).isZero();
    }

    @Test
    void aPenalizedHostGetsOneRequestAtATimeAndLongerSpacingUntilThePenaltyEnds() {
        Politeness politeness = politeness(3, 100, 3, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/");
        assertThat(politeness.tryAcquire(a)).isZero();
        politeness.penalize(URI.create("http://www.xiaochang.gov.cn/"), null);
        now.addAndGet(200 * MS);
        // one already in flight: a penalized host allows no second one
        assertThat(politeness.tryAcquire(a)).isPositive();
        politeness.finish(a);
        // spacing is now at least one second
        assertThat(politeness.tryAcquire(a)).isEqualTo(1000 * MS);
        now.addAndGet(1000 * MS);
        assertThat(politeness.tryAcquire(a)).isZero();
        politeness.finish(a);
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(politeness.tryAcquire(a)).isZero();
        politeness.finish(a);
        assertThat(politeness.tryAcquire(a)).isEqualTo(100 * MS);
    }

    @Test
    void retryAfterHoldsTheHostBack() {
        Politeness politeness = politeness(1, 0, 1, 0, 10);
        HostKeys a = keys("http://www.xiaochang.gov.cn/");
        assertThat(politeness.tryAcquire(a)).isZero();
        politeness.finish(a);
        politeness.penalize(URI.create("http://www.xiaochang.gov.cn/"), Duration.ofSeconds(120));
        assertThat(politeness.tryAcquire(a)).isEqualTo(Duration.ofSeconds(120).toNanos());
    }
}

package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollScheduleTest {

    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    @ParameterizedTest(name = "failing since {0} → dead {1}")
    @CsvSource({
        ",                     false",
        "2026-03-01T07:00:00Z, false",
        "2026-02-27T08:00:01Z, false",
        "2026-02-27T08:00:00Z, true",
        "2026-02-20T00:00:00Z, true",
    })
    void aSourceIsDeadAfterFailingFor48Hours(Instant failingSince, boolean dead) {
        assertThat(PollSchedule.isDead(failingSince, NOW, Duration.ofHours(48))).isEqualTo(dead);
    }

    @Test
    void aDeadSourceIsRetriedAfterTheDeadRetryTimeWithJitter() {
        PollSchedule schedule = new PollSchedule(RandomGenerator.getDefault());
        for (int i = 0; i < 100; i++) {
            Instant next = schedule.afterDeadFailure(Duration.ofHours(12), NOW);
            assertThat(next).isBetween(NOW.plus(Duration.ofMinutes(648)), NOW.plus(Duration.ofMinutes(792)));
        }
    }

    @Test
    void aSuccessIsFollowedByTheAdaptiveIntervalWithTenPercentJitter() {
        PollSchedule schedule = new PollSchedule(RandomGenerator.getDefault());
        for (int i = 0; i < 100; i++) {
            assertThat(schedule.afterSuccess(Duration.ofMinutes(10), NOW))
                    .isBetween(NOW.plus(Duration.ofMinutes(9)), NOW.plus(Duration.ofMinutes(11)));
        }
    }

    @ParameterizedTest(name = "interval {0}, {1} failures before, Retry-After {2} → next try after {3}")
    @CsvSource({
        // the base is the interval, at most one minute, doubled per failure before this one
        "PT15M, 0,        , PT1M",
        "PT15M, 1,        , PT2M",
        "PT15M, 2,        , PT4M",
        "PT15M, 5,        , PT32M",
        "PT15M, 8,        , PT4H16M",
        // capped at six hours: 2^9 minutes would be 8 h 32 min
        "PT15M, 9,        , PT6H",
        "PT15M, 16,       , PT6H",
        // a failure count far past the exponent limit still ends at the cap, not in an overflow
        "PT15M, 1000,     , PT6H",
        // a source polled more often than once a minute backs off from its own interval
        "PT20S, 0,        , PT20S",
        "PT20S, 3,        , PT2M40S",
        // the server's Retry-After wins when it is longer, but never past the cap
        "PT15M, 0, PT2M   , PT2M",
        "PT15M, 3, PT2M   , PT8M",
        "PT15M, 0, PT12H  , PT6H",
    })
    void backsOffExponentiallyUpToSixHours(Duration interval, int failuresBefore, Duration retryAfter, Duration wait) {
        PollSchedule schedule = new PollSchedule(RandomGenerator.getDefault());
        assertThat(schedule.afterFailure(source(interval), failuresBefore, retryAfter, NOW))
                .isEqualTo(NOW.plus(wait));
    }

    static SourceDefinition source(Duration interval) {
        return new SourceDefinition(
                "xiaochang-gzdt",
                "孝昌县人民政府 · 工作动态",
                URI.create("http://127.0.0.1/xwzx/gzdt/"),
                SourceType.HTML,
                List.of(),
                interval,
                ZoneId.of("Asia/Shanghai"),
                "auto",
                SourceDefinition.DEFAULT_USER_AGENT,
                Duration.ofSeconds(20),
                null,
                null,
                1,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                true,
                null,
                null);
    }
}

package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
}

package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptiveIntervalTest {

    @ParameterizedTest(name = "{0} with {1} new items in 2m..2h → {2}")
    @CsvSource({
        // quiet: lengthens by a quarter
        "PT10M, 0,  PT12M30S",
        "PT1H,  0,  PT1H15M",
        // capped at max-interval
        "PT1H40M, 0, PT2H",
        "PT2H,  0,  PT2H",
        // one or two new items: shortens by a quarter
        "PT10M, 1,  PT7M30S",
        "PT10M, 2,  PT7M30S",
        // busy: halves
        "PT10M, 3,  PT5M",
        "PT10M, 40, PT5M",
        // never below min-interval
        "PT3M,  5,  PT2M",
        "PT2M,  5,  PT2M",
    })
    void adaptsWithinBounds(Duration current, int newItems, Duration expected) {
        assertThat(AdaptiveInterval.next(current, newItems, Duration.ofMinutes(2), Duration.ofHours(2)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "3"})
    void staysPutWhenMinEqualsMax(int newItems) {
        Duration fixed = Duration.ofMinutes(15);
        assertThat(AdaptiveInterval.next(fixed, newItems, fixed, fixed)).isEqualTo(fixed);
    }
}

package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.sources.ExtractionHealth;
import io.countywatch.aggregator.store.sources.SourceState;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceHealthTest {

    private static final OffsetDateTime POLLED = OffsetDateTime.parse("2023-09-20T12:00:00+08:00");

    private static SourceState state(int found, ExtractionHealth health) {
        return failing(found, health, 0, null, false);
    }

    private static SourceState failing(int found, ExtractionHealth health, int failures, String error, boolean dead) {
        return new SourceState(
                "s",
                "s",
                "http://127.0.0.1/",
                List.of(),
                true,
                POLLED,
                POLLED,
                error,
                error == null ? null : POLLED,
                failures,
                POLLED.plusHours(1),
                found,
                0,
                10,
                health,
                dead,
                failures > 0 ? 503 : 200,
                failures > 0 ? POLLED.minusHours(3) : null,
                null,
                120);
    }

    @Test
    void aSourceWithItemsAndDatesIsOk() {
        SourceState ok = state(20, new ExtractionHealth(20, 20, 3, 0));
        assertThat(SourceHealth.of(ok)).isEqualTo("ok");
        assertThat(SourceHealth.problems(ok)).isEmpty();
    }

    @Test
    void aSourceWhoseDateSelectorStoppedMatchingIsUnhealthy() {
        SourceState undated = state(20, new ExtractionHealth(20, 0, 0, 0));
        assertThat(SourceHealth.of(undated)).isEqualTo("unhealthy");
        assertThat(SourceHealth.problems(undated)).containsExactly("no dates");
    }

    @Test
    void aSourceWhoseDetailPagesFailIsUnhealthy() {
        SourceState failing = state(5, new ExtractionHealth(5, 5, 0, 2));
        assertThat(SourceHealth.of(failing)).isEqualTo("unhealthy");
        assertThat(SourceHealth.problems(failing)).containsExactly("2 detail pages failed");
    }

    @Test
    void aSourceWhoseItemSelectorStoppedMatchingIsEmpty() {
        SourceState empty = state(0, new ExtractionHealth(0, 0, 0, 0));
        assertThat(SourceHealth.of(empty)).isEqualTo("empty");
        assertThat(SourceHealth.problems(empty)).containsExactly("0 items");
        assertThat(SourceHealth.problems(state(0, null))).containsExactly("0 items");
    }

    @Test
    void aFailingSourceSaysWhyAndSince() {
        SourceState failing = failing(20, new ExtractionHealth(20, 20, 0, 0), 3, "HTTP 503, retry after 120 s", false);
        assertThat(SourceHealth.of(failing)).isEqualTo("failing");
        assertThat(SourceHealth.problems(failing))
                .containsExactly("failing 3 times since 2023-09-20T09:00+08:00: HTTP 503, retry after 120 s");
        SourceState dead = failing(0, null, 40, null, true);
        assertThat(SourceHealth.of(dead)).isEqualTo("dead");
        assertThat(SourceHealth.problems(dead))
                .containsExactly("dead, failing 40 times since 2023-09-20T09:00+08:00: HTTP 503", "0 items");
    }
}

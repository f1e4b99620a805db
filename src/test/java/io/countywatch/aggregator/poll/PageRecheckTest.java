package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How far apart one item's page is read again: a quarter of the window, never closer than the source's interval. */
class PageRecheckTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "recheck {0}, interval {1}: every {2}")
    @CsvSource({"24h, 15m, PT6H", "7d, 1h, PT42H", "1h, 30m, PT30M", "2h, 6h, PT6H"})
    void readsAPageAboutFourTimesOverTheWindow(String window, String interval, Duration gap) throws IOException {
        assertThat(PageRecheck.gap(source(window, interval))).isEqualTo(gap);
    }

    SourceDefinition source(String recheck, String interval) throws IOException {
        Path file =
                Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - id: xiaochang
                    url: http://www.xiaochang.gov.cn/xwzx/
                    type: html
                    interval: %s
                    recheck: %s
                """.formatted(interval, recheck), StandardCharsets.UTF_8);
        return new SourceRegistry(file.toString(), Duration.ofSeconds(2), Clock.systemUTC())
                .current()
                .sources()
                .get(0);
    }
}

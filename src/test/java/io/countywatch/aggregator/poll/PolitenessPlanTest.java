package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.config.SourcesConfig;
import io.countywatch.aggregator.fetch.HostLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which limits a request is held to when sources on one host or domain ask for different ones. */
class PolitenessPlanTest {

    // what the application properties say in these tests
    static final HostLimits PROPERTIES = new HostLimits(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));

    @TempDir
    Path dir;

    final AtomicReference<SourcesConfig> running = new AtomicReference<>();
    final PolitenessPlan plan = new PolitenessPlan(running::get, PROPERTIES);

    @Test
    void aSourceAloneOnItsHostGetsItsOwnLimitsOverTheApplicationProperties() throws IOException {
        run("""
            sources:
              - id: yunmeng
                url: http://www.yunmeng.gov.cn/xwzx/
                type: html
                host-concurrency: 2
                host-spacing: 300ms
            """);

        assertThat(limits("yunmeng", "http://www.yunmeng.gov.cn/xwzx/"))
                .isEqualTo(new HostLimits(2, Duration.ofMillis(300), 1, Duration.ofSeconds(1)));
    }

    @Test
    void sourcesSharingAHostAreHeldToTheStrictestOfThemAll() throws IOException {
        run("""
            sources:
              - id: xiaochang-gzdt
                url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                type: html
                host-concurrency: 4
                host-spacing: 200ms
              - id: xiaochang-tzgg
                url: http://www.xiaochang.gov.cn/xwzx/tzgg/
                type: html
                host-concurrency: 2
                host-spacing: 50ms
              - id: elsewhere
                url: http://www.dawu.gov.cn/
                type: html
                host-concurrency: 1
                host-spacing: 5s
            """);

        HostLimits strictest = new HostLimits(2, Duration.ofMillis(200), 1, Duration.ofSeconds(1));
        assertThat(limits("xiaochang-gzdt", "http://www.xiaochang.gov.cn/xwzx/gzdt/"))
                .isEqualTo(strictest);
        assertThat(limits("xiaochang-tzgg", "http://www.xiaochang.gov.cn/art/1.html"))
                .isEqualTo(strictest);
    }

    @Test
    void aSourceThatSetsNothingCountsWithTheApplicationProperties() throws IOException {
        run("""
            sources:
              - id: quick
                url: http://www.xiaochang.gov.cn/a/
                type: html
                host-concurrency: 3
                host-spacing: 0s
              - id: plain
                url: http://www.xiaochang.gov.cn/b/
                type: html
            """);

        assertThat(limits("quick", "http://www.xiaochang.gov.cn/a/")).isEqualTo(PROPERTIES);
    }

    @Test
    void domainLimitsAreTheStrictestAmongTheSourcesOfTheRegistrableDomain() throws IOException {
        run("""
            defaults:
              host-spacing: 0s
              domain-spacing: 0s
            sources:
              - id: www
                url: http://www.xiaochang.gov.cn/
                type: html
              - id: xxgk
                url: http://xxgk.xiaochang.gov.cn/
                type: html
                domain-concurrency: 1
                domain-spacing: 700ms
              - id: dawu
                url: http://www.dawu.gov.cn/
                type: html
            """);

        assertThat(limits("www", "http://www.xiaochang.gov.cn/"))
                .isEqualTo(new HostLimits(1, Duration.ZERO, 1, Duration.ofMillis(700)));
        // gov.cn is a public suffix: another county is not held back
        assertThat(limits("dawu", "http://www.dawu.gov.cn/"))
                .isEqualTo(new HostLimits(1, Duration.ZERO, 1, Duration.ZERO));
    }

    @Test
    void aDetailPageOnAnotherHostKeepsTheAskingSourcesOwnLimits() throws IOException {
        run("""
            sources:
              - id: careful
                url: http://www.xiaochang.gov.cn/
                type: html
                host-spacing: 4s
              - id: cdn-owner
                url: http://cdn.example.com/
                type: html
                host-spacing: 0s
            """);

        assertThat(limits("careful", "http://cdn.example.com/files/1.html").hostSpacing())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(limits("careful", "http://static.example.net/1.html").hostSpacing())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aReloadAppliesToTheNextRequest() throws IOException {
        String before = """
            sources:
              - id: a
                url: http://www.xiaochang.gov.cn/a/
                type: html
                host-spacing: 3s
              - id: b
                url: http://www.xiaochang.gov.cn/b/
                type: html
                host-spacing: 100ms
            """;
        run(before);
        assertThat(limits("b", "http://www.xiaochang.gov.cn/b/").hostSpacing()).isEqualTo(Duration.ofSeconds(3));

        // the strict source leaves the host
        run(before.replace("http://www.xiaochang.gov.cn/a/", "http://www.dawu.gov.cn/a/"));

        assertThat(limits("b", "http://www.xiaochang.gov.cn/b/").hostSpacing()).isEqualTo(Duration.ofMillis(100));
    }

    private HostLimits limits(String sourceId, String url) {
        SourceDefinition source = running.get().find(sourceId).orElseThrow();
        return plan.limits(source, URI.create(url));
    }

    private void run(String yaml) throws IOException {
        Path file = dir.resolve("sources.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        running.set(new SourceRegistry(file.toString(), Duration.ofSeconds(2), Clock.systemUTC()).current());
    }
}

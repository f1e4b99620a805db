package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The politeness keys and the User-Agent of the sources file: values, inheritance from defaults:, and errors. */
class SourcesFilePolitenessTest {

    @TempDir
    Path dir;

    private final SourcesFileLoader loader = new SourcesFileLoader();

    @Test
    void aSourceOverridesDefaultsKeyByKeyAndLeavesUnsetKeysToTheApplicationProperties() throws IOException {
        SourcesConfig config = load("""
            defaults:
              host-spacing: 2s
              domain-concurrency: 2
              user-agent: "XiaoganWatch/1.0 (+https://example.org/bot)"
            sources:
              - id: xiaochang-gzdt
                url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                type: html
                host-concurrency: 3
                host-spacing: 500ms
                domain-spacing: PT0.25S
                user-agent: "XiaochangOnly/2.0"
              - id: dawu-zwdt
                url: http://www.dawu.gov.cn/xwzx/zwdt/
                type: html
            """);

        SourceDefinition xiaochang = config.find("xiaochang-gzdt").orElseThrow();
        assertThat(xiaochang.politeness())
                .isEqualTo(new SourcePoliteness(3, Duration.ofMillis(500), 2, Duration.ofMillis(250)));
        assertThat(xiaochang.userAgent()).isEqualTo("XiaochangOnly/2.0");
        SourceDefinition dawu = config.find("dawu-zwdt").orElseThrow();
        assertThat(dawu.politeness()).isEqualTo(new SourcePoliteness(null, Duration.ofSeconds(2), 2, null));
        assertThat(dawu.userAgent()).isEqualTo("XiaoganWatch/1.0 (+https://example.org/bot)");
    }

    @Test
    void withoutAnyPolitenessKeyEverythingIsInherited() throws IOException {
        SourceDefinition source = load(minimal()).sources().get(0);

        assertThat(source.politeness()).isEqualTo(SourcePoliteness.INHERITED);
        assertThat(source.userAgent()).isEqualTo(SourceDefinition.DEFAULT_USER_AGENT);
        assertThat(source.robots()).isTrue();
    }

    @Test
    void aSpacingOfZeroMeansNone() throws IOException {
        SourceDefinition source = load(minimal("    host-spacing: 0s", "    domain-spacing: 0s"))
                .sources()
                .get(0);

        assertThat(source.politeness().hostSpacing()).isZero();
        assertThat(source.politeness().domainSpacing()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero concurrency          | host-concurrency: 0    | sources.yml:5 sources[0].host-concurrency: expected a whole number from 1 to 64, found "0"
            concurrency too high      | domain-concurrency: 65 | sources.yml:5 sources[0].domain-concurrency: expected a whole number from 1 to 64, found "65"
            concurrency not a number  | host-concurrency: two  | sources.yml:5 sources[0].host-concurrency: expected a whole number from 1 to 64, found "two"
            spacing not a duration    | host-spacing: fast     | sources.yml:5 sources[0].host-spacing: invalid duration "fast"; write 500ms, 2s, 1m or ISO-8601 like PT0.5S
            spacing negative          | domain-spacing: PT-1S  | sources.yml:5 sources[0].domain-spacing: expected a duration from 0s to 1h, found "PT-1S"
            spacing too long          | host-spacing: 2h       | sources.yml:5 sources[0].host-spacing: expected a duration from 0s to 1h, found "2h"
            spacing as a list         | host-spacing: [1s]     | sources.yml:5 sources[0].host-spacing: expected a text value, found a list
            typo suggests the key     | host-spaceing: 1s      | sources.yml:5 sources[0].host-spaceing: unknown key; did you mean `host-spacing`?
            user-agent with a newline | user-agent: "Bot/1.0\\nX-Evil: 1" | sources.yml:5 sources[0].user-agent: user-agent must be printable ASCII
            user-agent in Chinese     | user-agent: 县政府新闻采集  | sources.yml:5 sources[0].user-agent: user-agent must be printable ASCII
            """)
    void reportsABadValueWithLineAndKey(String kind, String line, String expected) throws IOException {
        // the table trims its cells: the key is indented under the source here
        Path file = write(minimal("    " + line));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SourcesFileException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void reportsABadDefaultOnceAtItsOwnLine() throws IOException {
        Path file = write("""
            defaults:
              host-concurrency: 0
            sources:
              - id: a
                url: http://a.example.cn/
                type: html
              - id: b
                url: http://b.example.cn/
                type: html
            """);

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(
                        SourcesFileException.class,
                        e -> assertThat(e.errors())
                                .extracting(ConfigError::toString)
                                .containsExactly(
                                        "sources.yml:2 defaults.host-concurrency: expected a whole number from 1 to"
                                                + " 64, found \"0\""));
    }

    @Test
    void theShippedExampleFileSetsOneSourcesSpacingAndLeavesTheRestToTheApplicationProperties() {
        SourcesConfig shipped = loader.load(Path.of("config/sources.yml"));

        assertThat(shipped.find("hubei-yaowen").orElseThrow().politeness())
                .isEqualTo(new SourcePoliteness(null, Duration.ofSeconds(3), null, null));
        assertThat(shipped.find("dawu-zwdt").orElseThrow().politeness()).isEqualTo(SourcePoliteness.INHERITED);
    }

    private SourcesConfig load(String yaml) throws IOException {
        return loader.load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("sources.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static String minimal(String... extraLines) {
        StringBuilder yaml = new StringBuilder("sources:\n  - id: a\n    url: http://a.example.cn/\n    type: html\n");
        for (String line : extraLines) {
            yaml.append(line).append('\n');
        }
        return yaml.toString();
    }
}

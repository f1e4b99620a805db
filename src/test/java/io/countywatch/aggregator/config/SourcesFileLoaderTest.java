package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourcesFileLoaderTest {

    @TempDir
    Path dir;

    private final SourcesFileLoader loader = new SourcesFileLoader();

    @Test
    void loadsAFolderOfFilesEachWithItsOwnDefaults() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sources.d"));
        Files.writeString(folder.resolve("hubei.yml"), """
                defaults:
                  tags: [hubei]
                sources:
                  - id: xiaochang-gzdt
                    url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                    type: html
                """, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("hunan.yaml"), """
                defaults:
                  tags: [hunan]
                sources:
                  - id: yunxi-news
                    url: http://www.yunxi.gov.cn/feed.xml
                    type: feed
                """, StandardCharsets.UTF_8);
        // neither read: an editor's backup and swap file
        Files.writeString(folder.resolve("hubei.yml~"), "sources: [", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(".hubei.yml.swp"), "sources: [", StandardCharsets.UTF_8);

        SourcesConfig config = loader.load(folder);

        assertThat(config.sources())
                .extracting(SourceDefinition::id, SourceDefinition::tags)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("xiaochang-gzdt", List.of("hubei")),
                        org.assertj.core.groups.Tuple.tuple("yunxi-news", List.of("hunan")));
        assertThat(config.file()).isEqualTo(folder.toAbsolutePath());
    }

    @Test
    void aSourceIdDefinedInTwoFilesOfTheFolderNamesBoth() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sources.d"));
        String source = """
                sources:
                  - id: xiaochang-gzdt
                    url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                    type: html
                """;
        Files.writeString(folder.resolve("hubei.yml"), source, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("xiaogan.yml"), "\n" + source, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> loader.load(folder))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage("xiaogan.yml:3 sources[0].id: duplicate id \"xiaochang-gzdt\" (first defined at hubei.yml"
                        + " line 2)");
    }

    @Test
    void anEmptyFolderIsAnError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sources.d"));

        assertThatThrownBy(() -> loader.load(folder))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage("sources.d: the folder " + folder.toAbsolutePath() + " holds no .yml or .yaml file");
    }

    @Test
    void appliesDefaultsWrittenAfterTheList() throws IOException {
        // the list is bound entry by entry as it is read; defaults found after it mean reading the file again whole
        SourcesConfig config = loader.load(write("""
            sources:
              - id: xiaochang-gzdt
                url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                type: html
              - id: dawu-zwdt
                url: http://www.dawu.gov.cn/xwzx/zwdt/
                type: html
                interval: 10m
            defaults:
              interval: 45m
              tags: [xiaogan]
            """));

        assertThat(config.sources())
                .extracting(SourceDefinition::id, SourceDefinition::interval, SourceDefinition::tags)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "xiaochang-gzdt", Duration.ofMinutes(45), List.of("xiaogan")),
                        org.assertj.core.groups.Tuple.tuple("dawu-zwdt", Duration.ofMinutes(10), List.of("xiaogan")));
    }

    @Test
    void resolvesAnAliasToAnAnchorInAnEarlierSource() throws IOException {
        SourcesConfig config = loader.load(write("""
            sources:
              - id: xiaochang-gzdt
                url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                type: html
                list: &county-list
                  item: "ul.news-list > li"
                  link: "a"
                  title: "a"
                  date: "span.date"
              - id: dawu-zwdt
                url: http://www.dawu.gov.cn/xwzx/zwdt/
                type: html
                list: *county-list
            """));

        assertThat(config.sources())
                .extracting(SourceDefinition::list)
                .containsOnly(new ListSelectors("ul.news-list > li", "a", "a", "span.date"));
    }

    @Test
    void aDocumentThatIsAListIsOneErrorNotTheErrorsOfItsEntries() throws IOException {
        assertThatThrownBy(() -> loader.load(write("""
                    - sources:
                        - id: 1
                    """)))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage("sources.yml:1: expected keys and values (a map), found a list");
    }

    @Test
    void bindsEveryKeyInheritingAndOverridingDefaults() throws IOException {
        SourcesConfig config = loader.load(write("""
            defaults:
              interval: 20m
              timezone: Asia/Urumqi
              user-agent: "TestAgent/1.0"
              timeout: 30s
              charset: gbk
              tags: [hubei]
              exclude: ["标题和内容已经清空"]
              robots: false
              pages: 3
            sources:
              - id: xiaochang-gzdt
                name: 孝昌县人民政府 · 工作动态
                url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                type: html
                tags: [hubei, xiaogan, xiaochang]
                interval: PT10M
                timezone: Asia/Shanghai
                charset: auto
                user-agent: "Other/2.0"
                timeout: 1m
                list:
                  item: "ul.news-list > li"
                  link: "a"
                  title: "a"
                  date: "span.date"
                next: "a.next-page"
                pages: 2
                detail:
                  title: "h1"
                  content: "div.article-content"
                  date: ".article-info"
                include: ["孝昌"]
                exclude: ["^测试"]
                keep-params: [id]
                min-interval: 2m
                max-interval: 6h
                robots: yes
              - id: hubei-yaowen
                url: https://www.hubei.gov.cn/rss/yaowen.xml
                type: feed
            """));

        assertThat(config.file()).isEqualTo(dir.resolve("sources.yml").toAbsolutePath());
        assertThat(config.find("xiaochang-gzdt"))
                .contains(new SourceDefinition(
                        "xiaochang-gzdt",
                        "孝昌县人民政府 · 工作动态",
                        URI.create("http://www.xiaochang.gov.cn/xwzx/gzdt/"),
                        SourceType.HTML,
                        List.of("hubei", "xiaogan", "xiaochang"),
                        Duration.ofMinutes(10),
                        ZoneId.of("Asia/Shanghai"),
                        "auto",
                        "Other/2.0",
                        Duration.ofMinutes(1),
                        new ListSelectors("ul.news-list > li", "a", "a", "span.date"),
                        "a.next-page",
                        2,
                        new DetailSelectors("h1", "div.article-content", ".article-info"),
                        List.of("孝昌"),
                        List.of("^测试"),
                        List.of("id"),
                        Duration.ofMinutes(2),
                        Duration.ofHours(6),
                        true,
                        null,
                        SourcePoliteness.INHERITED));
        assertThat(config.find("hubei-yaowen"))
                .contains(new SourceDefinition(
                        "hubei-yaowen",
                        "hubei-yaowen",
                        URI.create("https://www.hubei.gov.cn/rss/yaowen.xml"),
                        SourceType.FEED,
                        List.of("hubei"),
                        Duration.ofMinutes(20),
                        ZoneId.of("Asia/Urumqi"),
                        "gbk",
                        "TestAgent/1.0",
                        Duration.ofSeconds(30),
                        null,
                        null,
                        3,
                        null,
                        List.of(),
                        List.of("标题和内容已经清空"),
                        List.of(),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(160),
                        false,
                        null,
                        SourcePoliteness.INHERITED));
    }

    @Test
    void loadsACountrysThirtyThousandSources() throws IOException {
        StringBuilder yaml = new StringBuilder("sources:\n");
        for (int n = 0; n < 30_000; n++) {
            yaml.append("  - id: county-")
                    .append(n)
                    .append("-gzdt\n    name: 第")
                    .append(n)
                    .append("县人民政府 工作动态 乡镇动态 通知公告\n    url: http://www.county")
                    .append(n)
                    .append(".gov.cn/zwgk/zwdt/gzdt/index.html\n    type: feed\n    tags: [湖北, 孝感, 县政府]\n");
        }
        assertThat(loader.load(write(yaml.toString())).sources()).hasSize(30_000);
    }

    @Test
    void appliesBuiltInDefaultsWhenNeitherSourceNorDefaultsSay() throws IOException {
        SourceDefinition source = loader.load(write(minimal())).sources().get(0);

        assertThat(source.name()).isEqualTo("xiaochang-gzdt");
        assertThat(source.tags()).isEmpty();
        assertThat(source.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(source.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(source.charset()).isEqualTo("auto");
        assertThat(source.userAgent())
                .isEqualTo("CountyWatchAggregator/0.1 (+https://github.com/countywatch/aggregator)");
        assertThat(source.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(source.pages()).isEqualTo(1);
        assertThat(source.robots()).isTrue();
        assertThat(source.list()).isNull();
        assertThat(source.detail()).isNull();
        assertThat(source.minInterval()).isEqualTo(Duration.ofSeconds(225));
        assertThat(source.maxInterval()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aFeedMayAskForEveryNewItemsPageWithDetailTrue() throws IOException {
        String yaml = minimal("    detail: true").replace("type: html", "type: feed");
        SourceDefinition source = loader.load(write(yaml)).sources().get(0);
        assertThat(source.detail()).isEqualTo(new DetailSelectors(null, null, null));
        String off = minimal("    detail: false").replace("type: html", "type: feed");
        assertThat(loader.load(write(off)).sources().get(0).detail()).isNull();
    }

    @ParameterizedTest
    @MethodSource("derivedBounds")
    void derivesPollingBoundsFromTheInterval(String interval, Duration min, Duration max) throws IOException {
        SourceDefinition source = loader.load(write(minimal("    interval: " + interval)))
                .sources()
                .get(0);

        assertThat(source.minInterval()).isEqualTo(min);
        assertThat(source.maxInterval()).isEqualTo(max);
    }

    static Stream<Arguments> derivedBounds() {
        return Stream.of(
                arguments("30s", Duration.ofSeconds(30), Duration.ofMinutes(4)),
                arguments("2m", Duration.ofMinutes(1), Duration.ofMinutes(16)),
                arguments("6h", Duration.ofMinutes(90), Duration.ofHours(24)),
                arguments("2d", Duration.ofHours(12), Duration.ofDays(2)));
    }

    @Test
    void letsADefaultBoundYieldToAnExplicitOne() throws IOException {
        SourceDefinition source = loader.load(write(minimal("    interval: 1h", "    max-interval: 1h")))
                .sources()
                .get(0);

        assertThat(source.minInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(source.maxInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsARecheckWindowFromTheSourceOrItsDefaults() throws IOException {
        String yaml = """
                defaults:
                  recheck: 12h
                sources:
                  - id: a
                    url: http://www.a.gov.cn/xwzx/
                    type: html
                  - id: b
                    url: http://www.b.gov.cn/xwzx/
                    type: html
                    recheck: 24h
                """;
        SourcesConfig config = loader.load(write(yaml));

        assertThat(config.find("a").orElseThrow().recheck()).isEqualTo(Duration.ofHours(12));
        assertThat(config.find("b").orElseThrow().recheck()).isEqualTo(Duration.ofHours(24));
        assertThat(loader.load(write(minimal())).sources().get(0).recheck()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void reportsEachErrorWithFileLineAndKey(String kind, String yaml, String expected) throws IOException {
        Path file = write(yaml);

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SourcesFileException.class)
                .hasMessageContaining(expected);
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                arguments(
                        "recheck over a week",
                        minimal("    recheck: 30d"),
                        "sources.yml:5 sources[0].recheck: recheck is at most 7d"),
                arguments(
                        "recheck of a feed without detail pages",
                        "sources:\n  - id: a\n    url: http://a.cn/rss.xml\n    type: feed\n    recheck: 24h\n",
                        "sources.yml:5 sources[0].recheck: recheck reads item pages again: a feed source needs detail:"),
                arguments(
                        "yaml syntax",
                        "sources:\n  - id: a\n    url: [http://a.cn/\n",
                        "sources.yml:4: YAML syntax error"),
                arguments("empty file", "# nothing yet\n", "sources.yml:1: the file is empty"),
                arguments("no sources", "defaults:\n  interval: 10m\n", "sources.yml:1 sources: missing sources: list"),
                arguments(
                        "sources not a list",
                        "sources:\n  id: a\n",
                        "sources.yml:2 sources: expected a list of sources"),
                arguments(
                        "unknown top key",
                        "source:\n  - id: a\n",
                        "sources.yml:1 source: unknown key; did you mean `sources`?"),
                arguments(
                        "unknown key",
                        minimal("    intervl: 10m"),
                        "sources.yml:5 sources[0].intervl: unknown key; did you mean `interval`?"),
                arguments(
                        "unknown list key",
                        minimal("    list:", "      item: li", "      link: a", "      title: a", "      dat: span"),
                        "sources.yml:9 sources[0].list.dat: unknown key; did you mean `date`?"),
                arguments(
                        "duplicate key",
                        minimal("    interval: 10m", "    interval: 20m"),
                        "sources.yml:6 sources[0].interval: duplicate key (first given at line 5)"),
                arguments(
                        "key only per source",
                        "defaults:\n  url: http://a.cn/\nsources: []\n",
                        "sources.yml:2 defaults.url: url can only be given per source, not in defaults"),
                arguments(
                        "missing id",
                        "sources:\n  - url: http://a.cn/\n    type: html\n",
                        "sources.yml:2 sources[0].id: missing id"),
                arguments(
                        "malformed id",
                        "sources:\n  - id: Xiao_Chang\n    url: http://a.cn/\n    type: html\n",
                        "sources.yml:2 sources[0].id: id must be lowercase letters"),
                arguments(
                        "duplicate id",
                        minimal() + "  - id: xiaochang-gzdt\n    url: http://b.cn/\n    type: feed\n",
                        "sources.yml:5 sources[1].id: duplicate id \"xiaochang-gzdt\" (first defined at line 2)"),
                arguments(
                        "missing url",
                        "sources:\n  - id: a\n    type: html\n",
                        "sources.yml:2 sources[0].url: missing url"),
                arguments(
                        "relative url",
                        "sources:\n  - id: a\n    url: /xwzx/gzdt/\n    type: html\n",
                        "sources.yml:3 sources[0].url: url must be an absolute http or https URL"),
                arguments(
                        "ftp url",
                        "sources:\n  - id: a\n    url: ftp://a.cn/x\n    type: html\n",
                        "sources.yml:3 sources[0].url: url must be an absolute http or https URL"),
                arguments(
                        "malformed url",
                        "sources:\n  - id: a\n    url: http://a.cn/a b\n    type: html\n",
                        "sources.yml:3 sources[0].url: invalid URL \"http://a.cn/a b\""),
                arguments(
                        "bad duration",
                        minimal("    interval: 10 minutes"),
                        "sources.yml:5 sources[0].interval: invalid duration \"10 minutes\""),
                arguments(
                        "zero duration",
                        minimal("    timeout: 0s"),
                        "sources.yml:5 sources[0].timeout: duration must be positive"),
                arguments(
                        "negative duration",
                        minimal("    min-interval: PT-5M"),
                        "sources.yml:5 sources[0].min-interval: duration must be positive"),
                arguments(
                        "bad duration in defaults",
                        "defaults:\n  interval: often\n" + minimal(),
                        "sources.yml:2 defaults.interval: invalid duration \"often\""),
                arguments(
                        "unknown type",
                        "sources:\n  - id: a\n    url: http://a.cn/\n    type: rss\n",
                        "sources.yml:4 sources[0].type: unknown type \"rss\"; expected html or feed"),
                arguments(
                        "missing type",
                        "sources:\n  - id: a\n    url: http://a.cn/\n",
                        "sources.yml:2 sources[0].type: missing type"),
                arguments(
                        "unknown charset",
                        minimal("    charset: gbkk"),
                        "sources.yml:5 sources[0].charset: unknown charset \"gbkk\""),
                arguments(
                        "invalid timezone",
                        minimal("    timezone: Asia/Beijing"),
                        "sources.yml:5 sources[0].timezone: invalid timezone \"Asia/Beijing\""),
                arguments(
                        "invalid list selector",
                        minimal("    list:", "      item: \"ul >\"", "      link: a", "      title: a"),
                        "sources.yml:6 sources[0].list.item: invalid selector \"ul >\""),
                arguments(
                        "invalid next selector",
                        minimal("    next: \"a[href\""),
                        "sources.yml:5 sources[0].next: invalid selector \"a[href\""),
                arguments(
                        "invalid detail selector",
                        minimal("    detail:", "      content: \"div:has(\""),
                        "sources.yml:6 sources[0].detail.content: invalid selector \"div:has(\""),
                arguments(
                        "detail neither selectors nor a boolean",
                        minimal("    detail: always"),
                        "sources.yml:5 sources[0].detail: expected true or false, found \"always\""),
                arguments(
                        "invalid regex",
                        minimal("    include: [\"孝昌\", \"(unclosed\"]"),
                        "sources.yml:5 sources[0].include[1]: invalid regex \"(unclosed\""),
                arguments(
                        "list without title",
                        minimal("    list:", "      item: li", "      link: a"),
                        "sources.yml:5 sources[0].list.title: missing title"),
                arguments(
                        "too many pages",
                        minimal("    pages: 51"),
                        "sources.yml:5 sources[0].pages: expected a whole number from 1 to 50, found \"51\""),
                arguments(
                        "no pages",
                        minimal("    pages: 0"),
                        "sources.yml:5 sources[0].pages: expected a whole number from 1 to 50"),
                arguments(
                        "map for a string",
                        minimal("    name: {zh: 孝昌}"),
                        "sources.yml:5 sources[0].name: expected a text value, found a map"),
                arguments(
                        "string for a list",
                        minimal("    tags: hubei"),
                        "sources.yml:5 sources[0].tags: expected a list such as [a, b], found \"hubei\""),
                arguments(
                        "list for a map",
                        minimal("    list: [li, a]"),
                        "sources.yml:5 sources[0].list: expected keys and values (a map), found a list"),
                arguments(
                        "not a boolean",
                        minimal("    robots: maybe"),
                        "sources.yml:5 sources[0].robots: expected true or false, found \"maybe\""),
                arguments(
                        "bad tag",
                        minimal("    tags: [hubei, \"xiao gan\"]"),
                        "sources.yml:5 sources[0].tags[1]: tag must be letters"),
                arguments(
                        "list on a feed",
                        "sources:\n  - id: a\n    url: http://a.cn/rss\n    type: feed\n    next: a.next\n",
                        "sources.yml:5 sources[0].next: only html sources have next"),
                arguments(
                        "min above max",
                        minimal("    min-interval: 2h", "    max-interval: 1h"),
                        "sources.yml:5 sources[0].min-interval: min-interval 2h is longer than max-interval 1h"),
                arguments(
                        "interval outside bounds",
                        minimal("    interval: 10m", "    min-interval: 30m"),
                        "sources.yml:5 sources[0].interval: interval 10m is outside min-interval..max-interval"
                                + " (30m..80m)"));
    }

    @Test
    void reportsEveryErrorOfTheFileAtOnce() throws IOException {
        Path file = write("""
            defaults:
              interval: soon
            sources:
              - id: Bad_Id
                url: http://a.cn/
                type: html
                timezon: Asia/Shanghai
              - id: b
                url: not a url
                type: html
                list:
                  item: "ul >"
            """);

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(
                        SourcesFileException.class,
                        e -> assertThat(e.errors())
                                .extracting(ConfigError::toString)
                                .containsExactly(
                                        "sources.yml:2 defaults.interval: invalid duration \"soon\"; write 30s, 10m, 2h, 1d or"
                                                + " ISO-8601 like PT15M",
                                        "sources.yml:7 sources[0].timezon: unknown key; did you mean `timezone`?",
                                        "sources.yml:4 sources[0].id: id must be lowercase letters, digits and '-', starting"
                                                + " with a letter or digit, at most 64 characters, found \"Bad_Id\"",
                                        "sources.yml:9 sources[1].url: invalid URL \"not a url\": Illegal character in path at"
                                                + " index 3",
                                        "sources.yml:12 sources[1].list.item: invalid selector \"ul >\": Could not parse query"
                                                + " 'ul >': unexpected token at ''",
                                        "sources.yml:11 sources[1].list.link: missing link",
                                        "sources.yml:11 sources[1].list.title: missing title"))
                .hasMessageContaining("sources.yml:2 defaults.interval")
                .hasMessageContaining("\nsources.yml:7 sources[0].timezon");
    }

    @Test
    void suggestsTheNearestKeyForATypo() throws IOException {
        Path file = write(
                minimal("    user_agent: Bot/1.0", "    list:", "      itme: li", "      link: a", "      title: a"));

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("sources[0].user_agent: unknown key; did you mean `user-agent`?")
                .hasMessageContaining("sources.yml:7 sources[0].list.itme: unknown key; did you mean `item`?")
                .hasMessageContaining("sources.yml:6 sources[0].list.item: missing item");
    }

    @Test
    void loadsChineseTextAsUtf8() throws IOException {
        // With the byte order mark some Windows editors add, which must not become part of the first key.
        Path file = write("\uFEFF" + minimal("    name: 孝昌县人民政府 · 工作动态", "    exclude: [标题和内容已经清空]"));

        SourceDefinition source = loader.load(file).sources().get(0);

        assertThat(source.name()).isEqualTo("孝昌县人民政府 · 工作动态");
        assertThat(source.exclude()).containsExactly("标题和内容已经清空");
    }

    @Test
    void rejectsAFileSavedInGbkNamingTheLine() throws IOException {
        Path file = dir.resolve("sources.yml");
        Files.writeString(file, minimal("    name: 孝昌县人民政府"), Charset.forName("GBK"));

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage("sources.yml:5: not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> loader.load(dir.resolve("sources.yml")))
                .isInstanceOfSatisfying(
                        SourcesFileException.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.message()).startsWith("file not found")));
    }

    @Test
    void acceptsTheShippedExampleFile() {
        SourcesConfig config = loader.load(Path.of("config/sources.yml"));

        assertThat(config.sources())
                .extracting(SourceDefinition::id)
                .containsExactly("xiaochang-gzdt", "dawu-zwdt", "hubei-yaowen");
        assertThat(config.find("xiaochang-gzdt").orElseThrow().list()).isNotNull();
        assertThat(config.find("dawu-zwdt").orElseThrow().list()).isNull();
        assertThat(config.find("hubei-yaowen").orElseThrow().type()).isEqualTo(SourceType.FEED);
    }

    /** A valid one-source file, lines 1-4, with {@code extra} lines appended from line 5 on. */
    static String minimal(String... extra) {
        StringBuilder yaml = new StringBuilder("""
            sources:
              - id: xiaochang-gzdt
                url: http://www.xiaochang.gov.cn/xwzx/gzdt/
                type: html
            """);
        for (String line : extra) {
            yaml.append(line).append('\n');
        }
        return yaml.toString();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("sources.yml"), yaml, StandardCharsets.UTF_8);
    }
}

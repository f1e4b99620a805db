package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.config.SourcesConfig;
import io.countywatch.aggregator.extract.feed.FeedExtractor;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.fetch.FetchProperties;
import io.countywatch.aggregator.fetch.HostLimits;
import io.countywatch.aggregator.fetch.PageFetcher;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.support.FixtureWeb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Onboarding a county from its homepage, on a loopback county site whose columns are corpus pages: a homepage (the
 * only page written here) links 工作动态, 通知公告, a 新闻中心 hub whose own page links 乡镇动态 and 部门动态, and
 * announces an RSS feed. Discovery must find the columns (following the hub one level), the fragment must load with
 * the real sources-file loader, and polling the loaded sources must yield each column's expected items.
 */
class DiscoveryIT {

    private static final Instant NOW = Instant.parse("2020-07-10T04:00:00Z");

    private static final FetchProperties FAST = new FetchProperties(
            2,
            Duration.ZERO,
            2,
            Duration.ZERO,
            64,
            Duration.ofMinutes(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofHours(24),
            false);

    private static final FixtureWeb web = FixtureWeb.start();
    private static final Map<String, CorpusCase> COLUMNS = Map.of(
            "工作动态", real("dfa66-announcement"),
            "通知公告", real("rtfund-xxpl"),
            "乡镇动态", real("hrfund-announcement"),
            "部门动态", real("hsqhfunds-announcement"));

    private final PageFetcher fetcher = new PageFetcher(FAST, new SimpleMeterRegistry());
    private final PolitenessPlan politeness =
            new PolitenessPlan(() -> new SourcesConfig(Path.of("sources.yml"), List.of()), HostLimits.of(FAST));

    @BeforeAll
    static void site() {
        web.serve("/", "text/html; charset=utf-8", html("""
                <html><head><title>样例县人民政府_门户网站</title>
                <link rel="alternate" type="application/rss+xml" title="样例县要闻 RSS" href="/rss.xml"></head>
                <body><div class="nav"><a href="/">首页</a><a href="/zjyl/">走进样例</a><a href="/xwzx/">新闻中心</a>
                <a href="COLUMN_工作动态">工作动态</a><a href="/hdjl/">互动交流</a></div>
                <div class="tzgg"><h3><a href="COLUMN_通知公告">通知公告</a></h3><a class="more" href="COLUMN_通知公告">更多&gt;&gt;</a>
                <ul><li><a href="/a/1.html">样例县关于2020年度防汛工作的通知</a></li></ul></div>
                </body></html>"""));
        web.serve("/xwzx/", "text/html; charset=utf-8", html("""
                <html><head><title>新闻中心_样例县人民政府</title></head><body>
                <div class="sub"><a href="COLUMN_乡镇动态">乡镇动态</a> <a href="COLUMN_部门动态">部门动态</a></div>
                </body></html>"""));
        web.serveResource("/rss.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        COLUMNS.values().forEach(page -> web.serve(page.pagePath(), "text/html", page.body()));
    }

    @AfterAll
    static void close() {
        web.close();
    }

    @Test
    void findsTheColumnsWritesAFragmentTheLoaderReadsAndPollingYieldsTheirItems(@TempDir Path dir) throws Exception {
        Discovery discovery = new Discovery(
                fetcher, politeness, new HtmlListExtractor(), new FeedExtractor(), Clock.fixed(NOW, CorpusCase.ZONE));
        DiscoveryReport report = discovery.discover(URI.create(web.url("/"))).block(Duration.ofSeconds(120));
        System.out.println(report.fragment());

        assertThat(report.error()).isNull();
        assertThat(report.siteName()).isEqualTo("样例县人民政府");
        Map<String, DiscoveryReport.DiscoveredSource> byName = report.sources().stream()
                .collect(Collectors.toMap(DiscoveryReport.DiscoveredSource::name, Function.identity()));
        for (String column : COLUMNS.keySet()) {
            DiscoveryReport.DiscoveredSource found = byName.get("样例县人民政府 · " + column);
            assertThat(found).as(column).isNotNull();
            assertThat(found.health()).as(column).isEqualTo("ok");
            assertThat(found.rows())
                    .as(column)
                    .isEqualTo(COLUMNS.get(column).items().size());
            assertThat(found.dated()).as(column).isEqualTo(found.rows());
            assertThat(found.inferred()).as(column).isNotNull();
        }
        assertThat(byName.get("样例县人民政府 · 新闻中心").health()).isEqualTo("no list");
        assertThat(report.sources())
                .anySatisfy(s -> assertThat(s.type()).isEqualTo("feed"))
                .noneSatisfy(s -> assertThat(s.name()).contains("互动交流"));

        Path file = dir.resolve("sources.yml");
        Files.writeString(file, report.fragment(), StandardCharsets.UTF_8);
        SourcesConfig loaded = new SourceRegistry(file.toString(), Duration.ofSeconds(2), Clock.systemUTC()).current();
        assertThat(loaded.sources()).hasSize(5);

        SourceExtraction extraction = new SourceExtraction(
                fetcher, politeness, new FeedExtractor(), new HtmlListExtractor(), Clock.fixed(NOW, CorpusCase.ZONE));
        for (SourceDefinition source : loaded.sources()) {
            var polled = extraction.extract(source, null, null).block(Duration.ofSeconds(60));
            assertThat(polled).as(source.id()).isInstanceOf(SourceExtraction.Extraction.Items.class);
            List<ExtractedItem> items = ((SourceExtraction.Extraction.Items) polled).items();
            if (source.type() == SourceType.FEED) {
                assertThat(items).as(source.id()).isNotEmpty();
                continue;
            }
            assertThat(source.list()).as(source.id() + " keeps its selectors").isNotNull();
            CorpusCase page = COLUMNS.get(source.name().substring("样例县人民政府 · ".length()));
            List<String> urls =
                    items.stream().map(i -> CorpusScore.pathAndQuery(i.url())).toList();
            assertThat(urls)
                    .as(source.id())
                    .containsExactlyElementsOf(
                            page.items().stream().map(CorpusCase.Expected::url).toList());
        }
    }

    private static CorpusCase real(String name) {
        return CorpusCase.saved().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    // A county whose pages come slowly (a poll of it holds its politeness): the report is what was read by the
    // deadline,
    // and says so in the fragment, instead of nothing after the whole discovery's time.
    @Test
    void aSlowSiteGivesTheColumnsReadByTheDeadlineAndSaysTheRestWasNotRead(@TempDir Path dir) throws Exception {
        try (FixtureWeb slow = FixtureWeb.start()) {
            StringBuilder home =
                    new StringBuilder("<html><head><title>慢县人民政府_门户网站</title></head><body><div class=\"nav\">");
            for (var column : COLUMNS.entrySet()) {
                CorpusCase page = column.getValue();
                home.append("<a href=\"")
                        .append(page.pagePath())
                        .append("\">")
                        .append(column.getKey())
                        .append("</a>");
                slow.route(
                        page.pagePath(),
                        (request, response) -> Mono.delay(Duration.ofMillis(1500))
                                .then(Mono.from(response.header("Content-Type", "text/html")
                                        .sendByteArray(Mono.just(page.body())))));
            }
            slow.serve(
                    "/",
                    "text/html; charset=utf-8",
                    home.append("</div></body></html>").toString().getBytes(StandardCharsets.UTF_8));
            Discovery discovery = new Discovery(
                    fetcher,
                    politeness,
                    new HtmlListExtractor(),
                    new FeedExtractor(),
                    Clock.fixed(NOW, CorpusCase.ZONE),
                    Duration.ofMillis(3500));

            DiscoveryReport report =
                    discovery.discover(URI.create(slow.url("/"))).block(Duration.ofSeconds(60));

            assertThat(report.error()).isNull();
            assertThat(report.sources())
                    .as("the columns read by the deadline")
                    .isNotEmpty()
                    .hasSizeLessThan(COLUMNS.size());
            assertThat(report.fragment()).contains("# discover stopped after 3 s");
            Path file = dir.resolve("sources.yml");
            Files.writeString(file, report.fragment(), StandardCharsets.UTF_8);
            assertThat(new SourceRegistry(file.toString(), Duration.ofSeconds(2), Clock.systemUTC())
                            .current()
                            .sources())
                    .hasSameSizeAs(report.sources());
        }
    }

    private static byte[] html(String template) {
        String page = template;
        for (var column : COLUMNS.entrySet()) {
            page = page.replace("COLUMN_" + column.getKey(), column.getValue().pagePath());
        }
        return page.getBytes(StandardCharsets.UTF_8);
    }
}

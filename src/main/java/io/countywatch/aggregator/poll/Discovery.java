package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcePoliteness;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.extract.feed.FeedExtractor;
import io.countywatch.aggregator.extract.html.ColumnLinks;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.extract.html.ListPage;
import io.countywatch.aggregator.extract.html.TitleCompletion;
import io.countywatch.aggregator.fetch.CharsetSniffer;
import io.countywatch.aggregator.fetch.Decoded;
import io.countywatch.aggregator.fetch.FetchResult;
import io.countywatch.aggregator.fetch.PageFetcher;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Onboards a county from its homepage: fetches it politely (the same fetcher, robots and host spacing as polls),
 * finds its news columns and feeds by link text, follows a column that turns out to be a hub of sub-columns one
 * level down, previews every candidate in automatic mode, and writes a {@code sources.yml} fragment. One page at a
 * time; at most {@link #MOST_PAGES} pages per discovery.
 */
@Component
public class Discovery {

    // A county homepage links a dozen columns or so; more pages than this is crawling, not onboarding.
    static final int MOST_PAGES = 24;

    // A column page whose list has fewer rows is a hub (新闻中心 linking 工作动态, 乡镇动态, …): follow its columns.
    private static final int HUB_ROWS = 3;

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    // A site being polled shares its politeness with the poller: its pages come one at a time, spaced, between the
    // poll's. Past this the admin gets the columns read so far rather than waiting on (the whole has 5 min).
    static final Duration COLUMNS_DEADLINE = Duration.ofMinutes(3);

    private final PageFetcher fetcher;
    private final PolitenessPlan politeness;
    private final HtmlListExtractor lists;
    private final FeedExtractor feeds;
    private final CharsetSniffer charsets = new CharsetSniffer();
    private final Clock clock;
    private final Duration columnsDeadline;

    @Autowired
    Discovery(
            PageFetcher fetcher, PolitenessPlan politeness, HtmlListExtractor lists, FeedExtractor feeds, Clock clock) {
        this(fetcher, politeness, lists, feeds, clock, COLUMNS_DEADLINE);
    }

    /** @param columnsDeadline how long the columns are read and previewed before the report is made of what was */
    Discovery(
            PageFetcher fetcher,
            PolitenessPlan politeness,
            HtmlListExtractor lists,
            FeedExtractor feeds,
            Clock clock,
            Duration columnsDeadline) {
        this.fetcher = fetcher;
        this.politeness = politeness;
        this.lists = lists;
        this.feeds = feeds;
        this.clock = clock;
        this.columnsDeadline = columnsDeadline;
    }

    private record Page(URI url, Decoded decoded) {}

    public Mono<DiscoveryReport> discover(URI home) {
        SourceDefinition site = probe(home);
        Instant now = clock.instant();
        Set<URI> seen = ConcurrentHashMap.newKeySet();
        seen.add(home);
        return fetch(site, home)
                .flatMap(page -> {
                    String siteName = ColumnLinks.siteName(page.decoded().text());
                    AtomicBoolean cut = new AtomicBoolean();
                    return Flux.fromIterable(ColumnLinks.find(page.decoded().text(), home))
                            .filter(c -> seen.add(c.url()))
                            .take(MOST_PAGES)
                            .concatMap(c -> candidate(site, siteName, c, now, seen, true))
                            .doOnCancel(() -> cut.set(true))
                            .take(columnsDeadline)
                            .collectList()
                            .map(found -> cut.get()
                                    ? stopped(report(home, siteName, found), columnsDeadline)
                                    : report(home, siteName, found));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> failed(home, "the homepage could not be read")))
                .timeout(Duration.ofMinutes(5))
                .onErrorResume(e -> Mono.just(failed(home, String.valueOf(e.getMessage()))));
    }

    private Flux<DiscoveryReport.DiscoveredSource> candidate(
            SourceDefinition site,
            String siteName,
            ColumnLinks.Column column,
            Instant now,
            Set<URI> seen,
            boolean followHub) {
        if (seen.size() > MOST_PAGES) {
            return Flux.empty();
        }
        return fetch(site, column.url()).flatMapMany(page -> {
            if (column.feed()) {
                return Flux.just(feed(siteName, column, page, now));
            }
            ListPage list = lists.extract(page.decoded().text(), page.url(), automatic(page.url()), now);
            DiscoveryReport.DiscoveredSource found = html(siteName, column, page, list);
            if (!followHub || found.rows() >= HUB_ROWS) {
                return Flux.just(found);
            }
            return Flux.fromIterable(ColumnLinks.find(page.decoded().text(), page.url()))
                    .filter(c -> !c.feed() && seen.add(c.url()))
                    .concatMap(c -> candidate(site, siteName, c, now, seen, false))
                    .startWith(found);
        });
    }

    private Mono<Page> fetch(SourceDefinition site, URI url) {
        return fetcher.fetch(politeness.request(site, url, null, null))
                .filter(FetchResult.Fetched.class::isInstance)
                .cast(FetchResult.Fetched.class)
                .publishOn(Schedulers.boundedElastic())
                .map(f -> new Page(f.url(), charsets.decode(f.body(), f.headerCharset(), "auto")))
                .onErrorResume(e -> Mono.empty());
    }

    private DiscoveryReport.DiscoveredSource html(
            String siteName, ColumnLinks.Column column, Page page, ListPage list) {
        List<ExtractedItem> items = list.items();
        int dated = (int) items.stream().filter(i -> i.publishedAt() != null).count();
        int cut = (int)
                items.stream().filter(i -> TitleCompletion.looksCut(i.title())).count();
        String health = list.inferred() == null || items.isEmpty()
                ? "no list"
                : dated == 0 ? "no dates" : items.size() < HUB_ROWS ? "few rows" : "ok";
        return new DiscoveryReport.DiscoveredSource(
                SourceIds.of(page.url(), column.name()),
                siteName + " · " + column.name(),
                page.url().toString(),
                "html",
                SourceIds.tags(column.name()),
                page.decoded().charset().name() + " (" + page.decoded().evidence() + ")",
                list.inferred(),
                items.size(),
                dated,
                cut,
                health);
    }

    private DiscoveryReport.DiscoveredSource feed(String siteName, ColumnLinks.Column column, Page page, Instant now) {
        int rows;
        int dated;
        try {
            List<ExtractedItem> items = feeds.extract(page.decoded().text(), page.url(), ZONE, now);
            rows = items.size();
            dated = (int) items.stream().filter(i -> i.publishedAt() != null).count();
        } catch (RuntimeException notAFeed) {
            rows = 0;
            dated = 0;
        }
        return new DiscoveryReport.DiscoveredSource(
                SourceIds.of(page.url(), "rss"),
                siteName + " · " + column.name(),
                page.url().toString(),
                "feed",
                SourceIds.tags(column.name()),
                page.decoded().charset().name(),
                null,
                rows,
                dated,
                0,
                rows == 0 ? "no list" : "ok");
    }

    private static DiscoveryReport report(URI home, String siteName, List<DiscoveryReport.DiscoveredSource> found) {
        List<DiscoveryReport.DiscoveredSource> unique = SourceIds.unique(found);
        return new DiscoveryReport(
                home.toString(), siteName, unique, SourcesFragment.of(home.toString(), unique), null);
    }

    // What was read before the deadline, saying in the fragment (a YAML comment) that the rest was not.
    private static DiscoveryReport stopped(DiscoveryReport report, Duration deadline) {
        String note = "# discover stopped after " + deadline.toSeconds() + " s: the site answered slowly (its"
                + " politeness spacing, or polls of it running), so the columns above are those read by then;"
                + " run it again to see the others\n";
        return new DiscoveryReport(
                report.site(), report.siteName(), report.sources(), report.fragment() + note, report.error());
    }

    private static DiscoveryReport failed(URI home, String error) {
        return new DiscoveryReport(home.toString(), null, List.of(), "", error);
    }

    /** The homepage as a source, for politeness: default User-Agent, timeout, robots and host spacing. */
    private static SourceDefinition probe(URI home) {
        return automatic(home);
    }

    private static SourceDefinition automatic(URI url) {
        return new SourceDefinition(
                "discover",
                "discover",
                url,
                SourceType.HTML,
                List.of(),
                Duration.ofMinutes(15),
                ZONE,
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
                Duration.ofMinutes(4),
                Duration.ofHours(2),
                true,
                null,
                SourcePoliteness.INHERITED);
    }
}

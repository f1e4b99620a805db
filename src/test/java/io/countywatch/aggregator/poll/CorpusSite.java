package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcesConfig;
import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.extract.feed.FeedExtractor;
import io.countywatch.aggregator.extract.html.DetailPageExtractor;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.fetch.FetchProperties;
import io.countywatch.aggregator.fetch.HostLimits;
import io.countywatch.aggregator.fetch.PageFetcher;
import io.countywatch.aggregator.store.items.ItemRepository;
import io.countywatch.aggregator.support.FixtureWeb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A corpus page served by a loopback site and polled through the real extraction path: {@link SourceExtraction}
 * (fetch, charset, list extraction, pagination, filters, canonical URLs) and {@link DetailEnrichment} (detail pages
 * of items not stored yet), exactly as the poller and the preview run them.
 */
final class CorpusSite implements AutoCloseable {

    // no spacing: the site is loopback and the test would otherwise wait a second between pages
    private static final FetchProperties FAST = new FetchProperties(
            4,
            Duration.ZERO,
            4,
            Duration.ZERO,
            64,
            Duration.ofMinutes(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofHours(24),
            false);

    private final CorpusCase page;
    private final FixtureWeb web = FixtureWeb.start();
    private final PageFetcher fetcher = new PageFetcher(FAST, new SimpleMeterRegistry());
    private final PolitenessPlan politeness =
            new PolitenessPlan(() -> new SourcesConfig(Path.of("corpus.yml"), List.of()), HostLimits.of(FAST));
    private final DatabaseClient db;

    CorpusSite(CorpusCase page, DatabaseClient db) {
        this.page = page;
        this.db = db;
        String origin = page.pageUrl().getScheme() + "://" + page.pageUrl().getRawAuthority();
        web.serve(page.pagePath(), page.contentType(), served(page.body(), origin));
        for (String[] other : page.otherPages()) {
            web.serve(other[0], "text/html", served(FixtureWeb.resource(other[1]), origin));
        }
    }

    /**
     * Real saved pages are served byte for byte. The hand-written templates name their made-up site in absolute
     * links and {@code <base href>}; those are pointed at this loopback site when served, as a site mirror would.
     */
    private byte[] served(byte[] body, String origin) {
        if (page.real()) {
            return body;
        }
        String loopback = web.url("").replaceAll("/$", "");
        // ISO-8859-1 maps every byte to one char and back, so GBK bytes pass through untouched
        return new String(body, StandardCharsets.ISO_8859_1)
                .replace(origin, loopback)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    URI pageUrl() {
        return URI.create(web.url(page.pagePath()));
    }

    /** What one poll of the page would store, in the given mode. */
    Polled poll(CorpusCase.Mode mode, ListSelectors pasted) {
        SourceDefinition source = page.source(pageUrl(), mode, pasted);
        Clock clock = Clock.fixed(page.now(), CorpusCase.ZONE);
        SourceExtraction extraction =
                new SourceExtraction(fetcher, politeness, new FeedExtractor(), new HtmlListExtractor(), clock);
        DetailEnrichment details = new DetailEnrichment(
                fetcher, politeness, new DetailPageExtractor(), new ItemRepository(db, ReadDatabase.primary(db)));
        var extracted = extraction.extract(source, null, null).block(Duration.ofSeconds(60));
        if (!(extracted instanceof SourceExtraction.Extraction.Items items)) {
            throw new AssertionError(page.name() + ": the list page was not read: " + extracted);
        }
        var enriched =
                details.enrich(source, items.items(), items.notes(), page.now()).block(Duration.ofSeconds(120));
        return new Polled(
                enriched.items(), items.notes().inferred(), items.notes().warnings());
    }

    /** The items a poll would store, the selectors automatic mode inferred (or null), the preview's warnings. */
    record Polled(List<EnrichedItem> items, ListSelectors inferred, List<String> warnings) {}

    @Override
    public void close() {
        web.close();
    }
}

package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.DetailSelectors;
import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcePoliteness;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.extract.TitleFilter;
import io.countywatch.aggregator.extract.html.DetailPageExtractor;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.extract.html.ListPage;
import io.countywatch.aggregator.fetch.CharsetSniffer;
import io.countywatch.aggregator.fetch.Decoded;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.support.FixtureWeb;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTML corpus: every list-page template under {@code fixtures/html/} with its {@code .expected.json},
 * extracted as a poll would (charset sniffing, list extraction with or without selectors, pagination, filters,
 * detail pages), and compared item by item: all items, full titles, dates, no U+FFFD.
 */
class HtmlCorpusTest {

    private static final String DIR = "fixtures/html/";
    private static final JsonMapper json = JsonMapper.builder().build();

    private final CharsetSniffer charsets = new CharsetSniffer();
    private final HtmlListExtractor lists = new HtmlListExtractor();
    private final DetailPageExtractor details = new DetailPageExtractor();

    static Stream<String> templates() throws IOException {
        Path dir = Path.of("src/test/resources", DIR);
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".expected.json"))
                    .map(n -> n.substring(0, n.length() - ".expected.json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void extractsEveryItemWithFullTitleAndDate(String template) {
        check(template, false);
    }

    /** The selector templates again without their {@code list:} block: automatic mode must find the same. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void findsTheSameItemsWithoutSelectors(String template) {
        check(template, true);
    }

    private void check(String template, boolean automatic) {
        JsonNode expected = json.readTree(
                new String(FixtureWeb.resource(DIR + template + ".expected.json"), StandardCharsets.UTF_8));
        SourceDefinition source = source(template, expected, automatic);
        Instant now = OffsetDateTime.parse(expected.get("now").asString()).toInstant();

        ListPages pages = new ListPages();
        URI pageUrl = source.url();
        String resource = DIR + template + ".html";
        Set<URI> seen = new HashSet<>();
        for (int page = 1; resource != null && page <= source.pages() && seen.add(pageUrl); page++) {
            Decoded decoded = charsets.decode(
                    FixtureWeb.resource(resource), expected.get("contentType").asString(), "auto");
            pages.onDecoded(pageUrl, expected.get("contentType").asString(), decoded);
            ListPage listPage = lists.extract(decoded.text(), pageUrl, source, now, pages.inferred());
            pages.add(listPage);
            pageUrl = listPage.next();
            resource = pageUrl == null
                    ? null
                    : expected.get("pages").path(pageUrl.getPath()).asString(null);
            resource = resource == null ? null : DIR + resource;
        }
        TitleFilter filter = TitleFilter.of(source);
        List<ExtractedItem> kept =
                pages.items().stream().filter(i -> filter.accepts(i.title())).toList();
        ExtractionNotes notes = pages.notes(kept, url -> url);
        List<EnrichedItem> items = new ArrayList<>();
        for (ExtractedItem item : kept) {
            String detail = expected.get("details")
                    .path(URI.create(item.url()).getPath())
                    .asString(null);
            items.add(
                    detail == null
                            ? new EnrichedItem(
                                    item,
                                    null,
                                    false,
                                    notes.provenance().get(item.url()).title(),
                                    "list",
                                    null)
                            : DetailEnrichment.merge(
                                    item,
                                    details.extract(
                                            decode(DIR + detail),
                                            URI.create(item.url()),
                                            source.detail(),
                                            source.timezone(),
                                            now),
                                    notes));
        }

        List<JsonNode> wanted = new ArrayList<>();
        expected.get("items").forEach(wanted::add);
        long fullTitles = wanted.stream()
                .filter(w -> items.stream()
                        .anyMatch(i -> i.item().title().equals(w.get("title").asString())))
                .count();
        long dates = wanted.stream()
                .filter(w -> items.stream()
                        .anyMatch(i -> i.item().publishedAt() != null
                                && i.item()
                                        .publishedAt()
                                        .toInstant()
                                        .equals(OffsetDateTime.parse(
                                                        w.get("date").asString())
                                                .toInstant())))
                .count();
        long mojibake =
                items.stream().filter(i -> i.item().title().contains("\uFFFD")).count();
        System.out.printf(
                "%-26s %-9s items %d/%d  full titles %d/%d  dates %d/%d  mojibake %d  inferred %s  warnings %s%n",
                template,
                source.list() == null ? "automatic" : "selectors",
                items.size(),
                wanted.size(),
                fullTitles,
                wanted.size(),
                dates,
                wanted.size(),
                mojibake,
                notes.inferred(),
                notes.warnings());

        assertThat(items).hasSize(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            JsonNode w = wanted.get(i);
            ExtractedItem got = items.get(i).item();
            assertThat(URI.create(got.url()).getPath())
                    .as("url of item %d", i)
                    .isEqualTo(w.get("url").asString());
            assertThat(got.title())
                    .as("title of item %d", i)
                    .isEqualTo(w.get("title").asString());
            assertThat(got.publishedAt()).as("date of item %d", i).isNotNull();
            assertThat(got.publishedAt().toInstant())
                    .as("date of item %d", i)
                    .isEqualTo(OffsetDateTime.parse(w.get("date").asString()).toInstant());
            if (w.has("dateFrom")) {
                assertThat(items.get(i).dateFrom()).isEqualTo(w.get("dateFrom").asString());
            }
        }
        assertThat(mojibake).isZero();
    }

    private String decode(String resource) {
        return charsets.decode(FixtureWeb.resource(resource), null, "auto").text();
    }

    private static SourceDefinition source(String template, JsonNode expected, boolean automatic) {
        JsonNode s = expected.get("source");
        JsonNode l = automatic ? null : s.get("list");
        ListSelectors list = l == null
                ? null
                : new ListSelectors(
                        l.get("item").asString(),
                        l.get("link").asString(),
                        l.get("title").asString(),
                        l.path("date").asString(null));
        JsonNode d = s.get("detail");
        DetailSelectors detail = d == null
                ? null
                : new DetailSelectors(
                        d.path("title").asString(null),
                        d.path("content").asString(null),
                        d.path("date").asString(null));
        List<String> exclude = new ArrayList<>();
        s.path("exclude").forEach(e -> exclude.add(e.asString()));
        return new SourceDefinition(
                template,
                template,
                URI.create(expected.get("pageUrl").asString()),
                SourceType.HTML,
                List.of(),
                Duration.ofMinutes(15),
                ZoneId.of("Asia/Shanghai"),
                "auto",
                SourceDefinition.DEFAULT_USER_AGENT,
                Duration.ofSeconds(20),
                list,
                automatic ? null : s.path("next").asString(null),
                s.path("pages").asInt(1),
                detail,
                List.of(),
                exclude,
                List.of(),
                Duration.ofMinutes(4),
                Duration.ofHours(2),
                true,
                SourcePoliteness.INHERITED);
    }
}

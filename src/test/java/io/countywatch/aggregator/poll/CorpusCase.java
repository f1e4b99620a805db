package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.DetailSelectors;
import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcePoliteness;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.support.FixtureWeb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One page of the HTML corpus with its hand-checked expected items: the project's own hand-written templates under
 * {@code fixtures/html/} and the real saved pages under {@code fixtures/html-real/<template>/}.
 *
 * @param resource the list page's classpath resource
 * @param real true for a real saved page (origin noted in its expected file), false for a hand-written template
 */
record CorpusCase(String name, String template, String resource, boolean real, JsonNode expected) {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Path ROOT = Path.of("src/test/resources");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<CorpusCase> all() {
        List<CorpusCase> cases = new ArrayList<>(handWritten());
        cases.addAll(saved());
        return cases;
    }

    static List<CorpusCase> handWritten() {
        return list("fixtures/html", false);
    }

    static List<CorpusCase> saved() {
        return list("fixtures/html-real", true);
    }

    private static List<CorpusCase> list(String dir, boolean real) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(dir), real ? 2 : 1)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".expected.json"))
                    .sorted()
                    .map(p -> {
                        String file = p.getFileName().toString();
                        String name = file.substring(0, file.length() - ".expected.json".length());
                        String resource = ROOT.relativize(p.resolveSibling(name + ".html"))
                                .toString()
                                .replace('\\', '/');
                        String template = real ? p.getParent().getFileName().toString() : name;
                        return new CorpusCase(name, template, resource, real, read(p));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI pageUrl() {
        return URI.create(expected.get("pageUrl").asString());
    }

    /** The page's path and query, as served by the loopback site. */
    String pagePath() {
        URI url = pageUrl();
        return url.getRawPath();
    }

    String contentType() {
        return expected.path("contentType").asString("text/html");
    }

    Instant now() {
        return OffsetDateTime.parse(expected.get("now").asString()).toInstant();
    }

    byte[] body() {
        return FixtureWeb.resource(resource);
    }

    /** Further pages and detail pages: path on the site to classpath resource. */
    List<String[]> otherPages() {
        List<String[]> pages = new ArrayList<>();
        String dir = resource.substring(0, resource.lastIndexOf('/') + 1);
        expected.path("pages")
                .properties()
                .forEach(e ->
                        pages.add(new String[] {e.getKey(), dir + e.getValue().asString()}));
        expected.path("details")
                .properties()
                .forEach(e ->
                        pages.add(new String[] {e.getKey(), dir + e.getValue().asString()}));
        return pages;
    }

    List<Expected> items() {
        List<Expected> items = new ArrayList<>();
        expected.get("items")
                .forEach(i -> items.add(new Expected(
                        i.get("title").asString(),
                        i.get("url").asString(),
                        instant(i.get("date").asString()),
                        i.path("dateFrom").asString(null))));
        return items;
    }

    private static Instant instant(String date) {
        return date.length() == 10
                ? LocalDate.parse(date).atStartOfDay(ZONE).toInstant()
                : OffsetDateTime.parse(date).toInstant();
    }

    /** One expected item: its title, its URL's path (and query), its date. */
    record Expected(String title, String url, Instant date, String dateFrom) {}

    /** The case as a source at {@code url}: with its own selectors, none (automatic mode), or the given ones. */
    SourceDefinition source(URI url, Mode mode, ListSelectors pasted) {
        JsonNode s = expected.path("source");
        ListSelectors list = switch (mode) {
            case AUTOMATIC -> null;
            case PASTED -> pasted;
            case OWN -> own(s.get("list"));
        };
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
                name,
                name,
                url,
                SourceType.HTML,
                List.of(),
                Duration.ofMinutes(15),
                ZONE,
                "auto",
                SourceDefinition.DEFAULT_USER_AGENT,
                Duration.ofSeconds(20),
                list,
                mode == Mode.OWN ? s.path("next").asString(null) : null,
                s.path("pages").asInt(1),
                detail,
                List.of(),
                exclude,
                List.of(),
                Duration.ofMinutes(4),
                Duration.ofHours(2),
                true,
                null,
                SourcePoliteness.INHERITED);
    }

    boolean hasOwnSelectors() {
        return expected.path("source").has("list");
    }

    private static ListSelectors own(JsonNode l) {
        return l == null
                ? null
                : new ListSelectors(
                        l.get("item").asString(),
                        l.get("link").asString(),
                        l.get("title").asString(),
                        l.path("date").asString(null));
    }

    /** How the list is read: the case's own selectors, automatically, or with the automatic ones pasted back. */
    enum Mode {
        OWN,
        AUTOMATIC,
        PASTED
    }
}

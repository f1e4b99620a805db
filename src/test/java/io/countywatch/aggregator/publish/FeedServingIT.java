package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.poll.Ingestion;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Feeds as readers get them from the running service: cached bytes that change when an item in scope is stored,
 * 304 answers with no body, Cache-Control from configuration, cursor paging, short Chinese keywords, OPML, and
 * conditional GET on {@code /api/items}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedServingIT {

    static final FixtureWeb web = FixtureWeb.start();
    static final Path sourcesFile = writeSources();
    static final AtomicInteger serial = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    SourceStateRepository sources;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "feed_serving");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.feeds.max-age", () -> "90s");
        // Only the trigger's NOTIFY can refresh the versions after the first read: proves invalidation is not a timer.
        registry.add("aggregator.feeds.version-refresh", () -> "1h");
    }

    static Path writeSources() {
        byte[] empty = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description>
                </channel></rss>
                """.getBytes(StandardCharsets.UTF_8);
        web.serve("/empty.xml", "application/rss+xml", empty);
        String yaml = """
                defaults:
                  interval: 6h
                sources:
                  - id: anlu
                    name: 安陆市人民政府
                    url: %1$s
                    type: feed
                    tags: [hubei, 孝感]
                  - id: yunmeng
                    name: 云梦县人民政府
                    url: %1$s
                    type: feed
                    tags: [hubei]
                  - id: tongshan
                    name: 通山县人民政府
                    url: %1$s
                    type: feed
                    tags: [xianning]
                """.formatted(web.url("/empty.xml"));
        try {
            Path file = TempFolders.create("feed-serving-it").resolve("sources.yml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopWeb() {
        web.close();
    }

    @BeforeEach
    void client() {
        client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sources.findName("tongshan").blockOptional().isPresent());
    }

    /**
     * Stores an item with a unique URL in the source through the poller's write path, published {@code minutesAgo}
     * before now; each is a story of its own, so deduplication must keep it a new item.
     */
    void store(String sourceId, String title, String summary, int minutesAgo) {
        int n = serial.incrementAndGet();
        Instant now = Instant.now();
        var item = new ExtractedItem(
                null,
                "http://www." + sourceId + ".gov.cn/xwzx/" + n + ".html",
                title,
                summary,
                null,
                OffsetDateTime.parse("2026-01-01T00:00:00+08:00").plusMinutes(n).minusMinutes(minutesAgo),
                true);
        StoreOutcome outcome = Ingestion.of(context).store(new NewItem(sourceId, item, DateOrigin.SOURCE, now, null));
        assertThat(outcome).as("stored %s of %s", title, sourceId).isInstanceOf(StoreOutcome.Inserted.class);
    }

    EntityExchangeResult<byte[]> get(String uri, String header, String value) {
        var spec = client.get().uri(uri);
        if (header != null) {
            spec = spec.header(header, value);
        }
        return spec.exchange().expectBody().returnResult();
    }

    String text(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
    }

    @Test
    void servesCachedBytesUntilAnItemInScopeIsStored() {
        store("anlu", "安陆市召开秋冬季森林防火工作会议", "会议部署森林防火工作。", 0);
        var first = get("/feeds/tag/hubei.atom", null, null);
        var again = get("/feeds/tag/hubei.atom", null, null);
        assertThat(again.getResponseHeaders().getETag())
                .isEqualTo(first.getResponseHeaders().getETag());

        store("yunmeng", "云梦县新增一批高标准农田", "农田建设进展顺利。", 0);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var later = get("/feeds/tag/hubei.atom", null, null);
            assertThat(later.getResponseHeaders().getETag())
                    .isNotEqualTo(first.getResponseHeaders().getETag());
            assertThat(text(later)).contains("云梦县新增一批高标准农田");
        });
    }

    @Test
    void answers304WithNoBodyWhenTheEtagMatches() {
        store("tongshan", "通山县开展汛期地质灾害巡查", "巡查覆盖全县。", 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> text(get("/feeds/source/tongshan.rss", null, null)).contains("通山县开展汛期地质灾害巡查"));
        var full = get("/feeds/source/tongshan.rss", null, null);
        String etag = full.getResponseHeaders().getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(full.getResponseHeaders().getCacheControl()).isEqualTo("max-age=90");
        assertThat(full.getResponseHeaders().getLastModified()).isPositive();

        var notModified = get("/feeds/source/tongshan.rss", HttpHeaders.IF_NONE_MATCH, etag);

        assertThat(notModified.getStatus().value()).isEqualTo(304);
        assertThat(notModified.getResponseBodyContent()).isNullOrEmpty();
        assertThat(notModified.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(notModified.getResponseHeaders().getCacheControl()).isEqualTo("max-age=90");
    }

    @Test
    void sends304WithoutAnyBodyBytesOnAKeptAliveConnection() throws Exception {
        // The tag of the plain bytes: WebTestClient asks for gzip, whose copy has its own tag.
        String etag = plain("/feeds/all.rss", null)
                .headers()
                .firstValue(HttpHeaders.ETAG)
                .orElseThrow();
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            String request = "GET /feeds/all.rss HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n";
            out.write((request + "If-None-Match: " + etag + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write((request + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = head(in);
            String second = head(in);

            assertThat(first).startsWith("HTTP/1.1 304").doesNotContainIgnoringCase("transfer-encoding");
            // Had the 304 carried body bytes (even an empty chunk), they would stand where this status line is.
            assertThat(second).startsWith("HTTP/1.1 200");
        }
    }

    static String head(java.io.InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void sendsAGzipCopyWithItsOwnEtagThatRevalidatesTo304() throws IOException {
        store("anlu", "安陆市推进城乡供水一体化", "供水管网延伸到村。", 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> text(get("/feeds/tag/hubei.rss", null, null)).contains("安陆市推进城乡供水一体化"));
        // java.net.http sends no Accept-Encoding and decompresses nothing, so each variant is seen as sent.
        var plain = plain("/feeds/tag/hubei.rss", null);
        var gzip = plain("/feeds/tag/hubei.rss", "gzip");

        assertThat(plain.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).isEmpty();
        assertThat(gzip.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
        assertThat(gzip.headers().firstValue(HttpHeaders.VARY)).hasValue("Accept-Encoding");
        // Decompressed once, it is the plain feed byte for byte: the server did not compress it a second time.
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        String plainEtag = plain.headers().firstValue(HttpHeaders.ETAG).orElseThrow();
        String gzipEtag = gzip.headers().firstValue(HttpHeaders.ETAG).orElseThrow();
        assertThat(gzipEtag).matches("\"[0-9a-f]{32}\"").isNotEqualTo(plainEtag);

        var notModified = send("/feeds/tag/hubei.rss", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue(HttpHeaders.ETAG)).hasValue(gzipEtag);
        // The gzip tag names the gzip bytes only: without gzip the reader gets the full plain feed.
        var full = send("/feeds/tag/hubei.rss", "If-None-Match", gzipEtag);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(plain.body());
        assertThat(send("/feeds/tag/hubei.rss", "If-None-Match", plainEtag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void answersHeadFromTheCacheWithTheHeadersOfTheGet() throws IOException, InterruptedException {
        var get = plain("/feeds/all.atom", null);
        var head = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/feeds/all.atom"))
                                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue(HttpHeaders.ETAG))
                .isEqualTo(get.headers().firstValue(HttpHeaders.ETAG));
        assertThat(head.headers().firstValue(HttpHeaders.CONTENT_LENGTH)).hasValue(String.valueOf(get.body().length));
    }

    java.net.http.HttpResponse<byte[]> plain(String path, String acceptEncoding) throws IOException {
        return acceptEncoding == null ? send(path) : send(path, "Accept-Encoding", acceptEncoding);
    }

    java.net.http.HttpResponse<byte[]> send(String path, String... headers) throws IOException {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void answers304WhenNotModifiedSinceLastModified() {
        var full = get("/feeds/all.json", null, null);
        String lastModified = full.getResponseHeaders().getFirst(HttpHeaders.LAST_MODIFIED);

        var notModified = get("/feeds/all.json", HttpHeaders.IF_MODIFIED_SINCE, lastModified);

        assertThat(notModified.getStatus().value()).isEqualTo(304);
        assertThat(notModified.getResponseBodyContent()).isNullOrEmpty();
    }

    @Test
    void followsNextLinksThroughEveryItemOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            store("anlu", "安陆市分页测试第" + i + "条", null, i);
        }
        var seen = new ArrayList<String>();
        String url = "/feeds/source/anlu.atom?limit=2";
        int pages = 0;
        while (url != null && pages++ < 20) {
            Document atom = xml(get(url, null, null).getResponseBodyContent());
            NodeList ids = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id");
            for (int i = 1; i < ids.getLength(); i++) {
                seen.add(ids.item(i).getTextContent());
            }
            url = link(atom, "next");
            if (url != null) {
                assertThat(url).startsWith("http://127.0.0.1:" + port + "/feeds/source/anlu.atom?limit=2&cursor=");
            }
        }
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(5);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void findsTwoCharacterChineseWordsInTitleAndSummary() {
        store("yunmeng", "云梦县部署防汛备汛工作", null, 0);
        store("yunmeng", "云梦县召开专题会议", "会议强调做好防汛准备。", 0);
        store("yunmeng", "云梦县举办读书活动", "全民阅读。", 0);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String json = text(get("/feeds/source/yunmeng.json?q=防汛", null, null));
            assertThat(json).contains("云梦县部署防汛备汛工作", "云梦县召开专题会议").doesNotContain("云梦县举办读书活动");
        });
        String three = text(get("/feeds/source/yunmeng.json?q=读书活", null, null));
        assertThat(three).contains("云梦县举办读书活动").doesNotContain("防汛");
    }

    @Test
    void plansEveryQueryWithItsActualKeyword() {
        // A generic plan would read a common two-character word's whole bigram posting list (see ItemSqlPlanIT).
        String mode = db.sql("SHOW plan_cache_mode")
                .map(row -> row.get(0, String.class))
                .one()
                .block();
        assertThat(mode).isEqualTo("force_custom_plan");
    }

    @Test
    void datesAFeedWithNoItemsWhenTheSourcesFileWasAppliedNever1970() {
        Instant applied = context.getBean(io.countywatch.aggregator.config.SourceRegistry.class)
                .appliedAt()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String nothing = "?q=" + "这个关键词不会出现";

        var atom = get("/feeds/all.atom" + nothing, null, null);
        assertThat(text(atom)).doesNotContain("<entry>").contains("<updated>" + applied + "</updated>");
        assertThat(atom.getResponseHeaders().getLastModified()).isEqualTo(applied.toEpochMilli());
        var rss = get("/feeds/all.rss" + nothing, null, null);
        assertThat(text(rss))
                .contains("<lastBuildDate>"
                        + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                applied.atOffset(java.time.ZoneOffset.UTC))
                        + "</lastBuildDate>");
        var api = get("/api/items" + nothing, null, null);
        assertThat(text(api)).startsWith("{\"items\":[]");
        assertThat(api.getResponseHeaders().getLastModified()).isEqualTo(applied.toEpochMilli());
    }

    @Test
    void writesFeedDatesInTheSourcesOffset() {
        store("yunmeng", "云梦县召开秋季安全生产会议", "会议部署安全生产。", 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> text(get("/feeds/source/yunmeng.atom", null, null)).contains("云梦县召开秋季安全生产会议"));
        String atom = text(get("/feeds/source/yunmeng.atom", null, null));
        // the Chinese site's own clock, as the JSON Feed and the API write it: never Rome's UTC "Z"
        assertThat(atom).containsPattern("<published>2026-01-01T\\d\\d:\\d\\d:\\d\\d\\+08:00</published>");
        assertThat(atom).containsPattern("<updated>[-0-9T:]+\\+08:00</updated>").doesNotContain("Z</updated>");
        String rss = text(get("/feeds/source/yunmeng.rss", null, null));
        assertThat(rss).containsPattern("<pubDate>\\w{3}, 1 Jan 2026 \\d\\d:\\d\\d:\\d\\d \\+0800</pubDate>");
        assertThat(rss).doesNotContain("GMT</pubDate>");
    }

    @Test
    void listsEverySourceFeedAndTagFeedInOpml() throws Exception {
        var result = get("/feeds/opml", null, null);
        assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("text/x-opml");
        Document opml = xml(result.getResponseBodyContent());
        assertThat(opml.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        List<String> feeds = new ArrayList<>();
        NodeList outlines = opml.getElementsByTagName("outline");
        for (int i = 0; i < outlines.getLength(); i++) {
            String xmlUrl = ((Element) outlines.item(i)).getAttribute("xmlUrl");
            if (!xmlUrl.isEmpty()) {
                feeds.add(xmlUrl.replace("http://127.0.0.1:" + port, ""));
            }
        }
        assertThat(feeds)
                .containsExactlyInAnyOrder(
                        "/feeds/all.rss",
                        "/feeds/source/anlu.rss",
                        "/feeds/source/yunmeng.rss",
                        "/feeds/source/tongshan.rss",
                        "/feeds/tag/hubei.rss",
                        "/feeds/tag/xianning.rss",
                        "/feeds/tag/%E5%AD%9D%E6%84%9F.rss");
        for (String feed : feeds) {
            client.get()
                    .uri(java.net.URI.create("http://127.0.0.1:" + port + feed))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void answersOpml304WithItsValidatorsWhenTheEtagMatches() {
        var full = get("/feeds/opml", null, null);
        String etag = full.getResponseHeaders().getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        var notModified = get("/feeds/opml", HttpHeaders.IF_NONE_MATCH, etag);

        assertThat(notModified.getStatus().value()).isEqualTo(304);
        assertThat(notModified.getResponseBodyContent()).isNullOrEmpty();
        assertThat(notModified.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(notModified.getResponseHeaders().getCacheControl()).isEqualTo("max-age=90");
        assertThat(notModified.getResponseHeaders().getLastModified())
                .isEqualTo(full.getResponseHeaders().getLastModified());
    }

    @Test
    void apiItemsAnswersConditionalGets() {
        store("anlu", "安陆市发布秋季招聘信息", "岗位200个。", 0);
        var full = get("/api/items?source=anlu", null, null);
        String etag = full.getResponseHeaders().getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(full.getResponseHeaders().getCacheControl()).isEqualTo("max-age=90");
        assertThat(full.getResponseHeaders().getLastModified()).isPositive();
        assertThat(text(full)).contains("安陆市发布秋季招聘信息");

        var notModified = get("/api/items?source=anlu", HttpHeaders.IF_NONE_MATCH, etag);
        assertThat(notModified.getStatus().value()).isEqualTo(304);
        assertThat(notModified.getResponseBodyContent()).isNullOrEmpty();
        assertThat(notModified.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(notModified.getResponseHeaders().getCacheControl()).isEqualTo("max-age=90");

        store("anlu", "安陆市发布冬季招聘信息", "岗位300个。", 0);
        var changed = get("/api/items?source=anlu", HttpHeaders.IF_NONE_MATCH, etag);
        assertThat(changed.getStatus().value()).isEqualTo(200);
        assertThat(text(changed)).contains("安陆市发布冬季招聘信息");
    }

    static Document xml(byte[] body) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static String link(Document atom, String rel) {
        NodeList links = atom.getDocumentElement().getChildNodes();
        for (int i = 0; i < links.getLength(); i++) {
            if (links.item(i) instanceof Element e
                    && e.getLocalName().equals("link")
                    && rel.equals(e.getAttribute("rel"))) {
                return e.getAttribute("href");
            }
        }
        return null;
    }
}

package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.AtomSchema;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The whole service against the embedded PostgreSQL, polling real feeds served on loopback: RSS 2.0 with and
 * without GUIDs, Atom 1.0, RSS 1.0, a GB2312-labelled feed, and a hostile feed with external entities.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class FeedSourcesIT {

    static final FixtureWeb web = FixtureWeb.start();
    static final Path sourcesFile = writeSources();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "feed_sources");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> "secret-token");
        registry.add("aggregator.sources-watch-interval", () -> "200ms");
    }

    static Path writeSources() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [
                  <!ENTITY remote SYSTEM "%s">
                  <!ENTITY local SYSTEM "file:///etc/passwd">
                ]>
                <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>&remote;&local;</title><link>http://127.0.0.1/x.html</link></item></channel></rss>
                """.formatted(web.url("/secret"));
        web.serveResource("/yunxi/rss.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml")
                .serveResource("/baihe/rss.xml", "text/xml; charset=utf-8", "fixtures/feeds/rss2-noguid.xml")
                .serveResource("/qingshan/atom.xml", "application/atom+xml", "fixtures/feeds/atom.xml")
                .serveResource("/huaxi/rdf.xml", "application/rdf+xml", "fixtures/feeds/rdf.xml")
                .serveResource("/shimen/rss.xml", "text/xml", "fixtures/feeds/gb2312.xml")
                .serve("/hostile/xxe.xml", "application/rss+xml", xxe.getBytes(StandardCharsets.UTF_8))
                .serve("/secret", "text/plain", "SECRET".getBytes(StandardCharsets.UTF_8));
        try {
            Path dir = TempFolders.create("feed-sources-it");
            Path file = dir.resolve("sources.yml");
            Files.writeString(file, sources(false), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sources(boolean withExtra) {
        String yaml = """
                defaults:
                  interval: 1h
                  timezone: Asia/Shanghai
                sources:
                  - id: yunxi
                    name: 云溪县人民政府
                    url: %s
                    type: feed
                    tags: [hunan, yunxi]
                  - id: baihe
                    name: 白河镇
                    url: %s
                    type: feed
                    tags: [hunan]
                  - id: qingshan
                    name: 青山市统计局
                    url: %s
                    type: feed
                    tags: [hubei]
                  - id: huaxi
                    name: 花溪区融媒体中心
                    url: %s
                    type: feed
                    tags: [guizhou]
                  - id: shimen
                    name: 石门县人民政府
                    url: %s
                    type: feed
                    charset: auto
                    tags: [hunan]
                  - id: hostile-xxe
                    name: Hostile XXE
                    url: %s
                    type: feed
                """.formatted(
                        web.url("/yunxi/rss.xml"),
                        web.url("/baihe/rss.xml"),
                        web.url("/qingshan/atom.xml"),
                        web.url("/huaxi/rdf.xml"),
                        web.url("/shimen/rss.xml"),
                        web.url("/hostile/xxe.xml"));
        if (withExtra) {
            // stories of its own: a copy of another source's feed would be merged into that source's items
            String extra = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>追加来源</title><link>http://127.0.0.1/</link><description>d</description>
                    <item><title>追加县举办农民丰收节庆祝活动</title><link>http://127.0.0.1/extra/1.html</link>
                    <pubDate>Fri, 22 Sep 2023 09:00:00 +0800</pubDate><description>丰收节当天，全县各乡镇同步举办农产品展销和文艺演出。</description></item>
                    <item><title>追加县开展秋冬季森林病虫害普查</title><link>http://127.0.0.1/extra/2.html</link>
                    <pubDate>Thu, 21 Sep 2023 15:00:00 +0800</pubDate><description>林业部门组织技术人员对全县松林开展松材线虫病普查。</description></item>
                    </channel></rss>""";
            web.serve("/extra/rss.xml", "application/rss+xml", extra.getBytes(StandardCharsets.UTF_8));
            yaml += """
                      - id: extra
                        name: 追加来源
                        url: %s
                        type: feed
                        tags: [extra]
                    """.formatted(web.url("/extra/rss.xml"));
        }
        return yaml;
    }

    @AfterAll
    static void stopWeb() {
        web.close();
    }

    @BeforeEach
    void client() {
        client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> itemTitles().size() >= 10);
    }

    static final List<String> TITLES = List.of(
            "云溪县召开2023年秋季森林防火工作部署会",
            "云溪县2023年8月生活饮用水水质信息公布",
            "白河镇开展汛后水利设施安全隐患排查",
            "白河镇举办农村实用技术培训班",
            "青山市2023年1—8月国民经济运行情况",
            "青山市开展统计法治宣传月活动",
            "花溪区启动秋季学期校园食品安全专项检查",
            "花溪区举行重点项目集中开工仪式",
            "石门县召开朱镕基同志题词三十周年座谈会",
            "石门县关于开展2023年度耕地保护检查的通知");

    List<Map<String, Object>> items(String query) {
        return ServiceApi.items(client, query);
    }

    List<String> itemTitles() {
        return items("?limit=100").stream().map(i -> (String) i.get("title")).toList();
    }

    Map<String, Object> item(String title) {
        return items("?limit=100").stream()
                .filter(i -> title.equals(i.get("title")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void storesEveryFeedItemWithExactTitles() {
        assertThat(itemTitles()).containsExactlyInAnyOrderElementsOf(TITLES);
    }

    @Test
    void readsZonelessDatesInTheSourceTimeZone() {
        assertThat(item("白河镇开展汛后水利设施安全隐患排查").get("publishedAt")).isEqualTo("2023-09-08T16:05:00+08:00");
        assertThat(item("白河镇举办农村实用技术培训班").get("publishedAt")).isEqualTo("2023-09-06T00:00:00+08:00");
        assertThat(item("白河镇举办农村实用技术培训班").get("dateOrigin")).isEqualTo("source");
        assertThat(item("花溪区举行重点项目集中开工仪式").get("publishedAt")).isEqualTo("2023-09-02T11:20:00+08:00");
        assertThat(item("石门县召开朱镕基同志题词三十周年座谈会").get("publishedAt")).isEqualTo("2023-09-03T10:00:00+08:00");
        // dates with an offset keep their instant and are shown in the source's zone
        assertThat(item("云溪县2023年8月生活饮用水水质信息公布").get("publishedAt")).isEqualTo("2023-09-05T17:30:00+08:00");
        assertThat(item("青山市开展统计法治宣传月活动").get("publishedAt")).isEqualTo("2023-09-04T09:30:00+08:00");
    }

    @Test
    void storesCanonicalUrlsAndSanitizedContent() {
        Map<String, Object> item = item("云溪县召开2023年秋季森林防火工作部署会");
        String content = (String) item.get("content");
        assertThat(content).contains("<b>秋季森林防火</b>").doesNotContain("script").doesNotContain("onclick");
        assertThat(content).contains("href=\"http://127.0.0.1/yunxi/zwyw/notice.html\"");
        assertThat(item.get("sourceId")).isEqualTo("yunxi");
        assertThat(item.get("sourceName")).isEqualTo("云溪县人民政府");
        assertThat((List<String>) item.get("tags")).containsExactly("hunan", "yunxi");
        assertThat(item.get("alsoAt")).isEqualTo(List.of());
        assertThat(item("白河镇开展汛后水利设施安全隐患排查").get("url")).isEqualTo("http://127.0.0.1/baihe/gzdt/2023/0908/88.html");
        // a relative Atom link resolves against the feed's own URL
        assertThat(item("青山市2023年1—8月国民经济运行情况").get("url")).isEqualTo(web.url("/qingshan/tjxx/501.html"));
    }

    @Test
    void pagesApiItemsWithACursorAndFilters() {
        Map<String, Object> first = client.get()
                .uri("/api/items?limit=4")
                .exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(4);
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = client.get()
                    .uri("/api/items?limit=4" + (cursor == null ? "" : "&cursor=" + cursor))
                    .exchange()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
            ((List<Map<String, Object>>) page.get("items")).forEach(i -> seen.add((String) i.get("title")));
            cursor = (String) page.get("next");
        } while (cursor != null);
        assertThat(seen).hasSize(10).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(TITLES);
        assertThat(items("?source=huaxi"))
                .extracting(i -> i.get("sourceId"))
                .containsOnly("huaxi")
                .hasSize(2);
        assertThat(items("?tag=hunan")).hasSize(6);
        assertThat(items("?q=" + "森林防火")).extracting(i -> i.get("title")).containsExactly("云溪县召开2023年秋季森林防火工作部署会");
        // since is inclusive: the date-only item at midnight +08:00 counts
        assertThat(items("?since=2023-09-05T16:00:00Z")).hasSize(5);
    }

    @Test
    void servesValidAtomWithEveryItemNewestFirst() throws Exception {
        byte[] atom = client.get()
                .uri("/feeds/all.atom?limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/atom+xml;charset=UTF-8")
                .expectBody()
                .returnResult()
                .getResponseBody();
        AtomSchema.assertValid(atom);
        Document document = parse(atom);
        List<String> titles = texts(document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry"), "title");
        assertThat(titles).containsExactlyInAnyOrderElementsOf(TITLES);
        assertThat(titles.get(0)).isEqualTo("云溪县召开2023年秋季森林防火工作部署会");
        assertThat(titles.get(titles.size() - 1)).isEqualTo("石门县关于开展2023年度耕地保护检查的通知");
    }

    @Test
    void servesRssAndJsonFeedsWithTheSameItems() throws Exception {
        byte[] rss = client.get()
                .uri("/feeds/all.rss?limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/rss+xml;charset=UTF-8")
                .expectBody()
                .returnResult()
                .getResponseBody();
        List<String> rssTitles = texts(parse(rss).getElementsByTagName("item"), "title");
        assertThat(rssTitles).containsExactlyInAnyOrderElementsOf(TITLES);

        Map<String, Object> json = client.get()
                .uri("/feeds/all.json?limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/feed+json;charset=UTF-8")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(json.get("version")).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat((List<Map<String, Object>>) json.get("items"))
                .extracting(i -> i.get("title"))
                .containsExactlyInAnyOrderElementsOf(TITLES);
    }

    @Test
    void servesTagAndSourceFeedsAnd404ForUnknownOnes() throws Exception {
        byte[] tag = okBody("/feeds/tag/guizhou.atom");
        assertThat(texts(parse(tag).getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry"), "title"))
                .containsExactlyInAnyOrder("花溪区启动秋季学期校园食品安全专项检查", "花溪区举行重点项目集中开工仪式");
        byte[] source = okBody("/feeds/source/shimen.rss");
        assertThat(texts(parse(source).getElementsByTagName("item"), "title")).hasSize(2);

        client.get()
                .uri("/feeds/tag/nowhere.atom")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no source has the tag nowhere");
        client.get()
                .uri("/feeds/source/nobody.json")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no source with id nobody");
    }

    @Test
    void refusesExternalEntitiesAndShowsTheFailureInApiSources() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sourceState("hostile-xxe").get("lastError") != null);
        Map<String, Object> state = sourceState("hostile-xxe");
        assertThat((String) state.get("lastError")).contains("hostile-xxe").containsIgnoringCase("DOCTYPE");
        assertThat(web.requests("/secret")).isZero();
        assertThat(sourceState("yunxi").get("lastError")).isNull();
        assertThat(sourceState("yunxi").get("itemCount")).isEqualTo(2);
    }

    @Test
    void adminEndpointsNeedTheToken() {
        client.post().uri("/api/sources/yunxi/poll").exchange().expectStatus().isUnauthorized();
        client.post()
                .uri("/api/sources/yunxi/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/api/sources/yunxi/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer secret-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sourceId")
                .isEqualTo("yunxi");
        client.get()
                .uri("/api/sources/huaxi/preview")
                .header(HttpHeaders.AUTHORIZATION, "Bearer secret-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(2);
    }

    @Test
    void pollNowAnswersWithTheOutcome() {
        client.post()
                .uri("/api/sources/hostile-xxe/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer secret-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sourceId")
                .isEqualTo("hostile-xxe")
                .jsonPath("$.outcome")
                .isEqualTo("failed")
                .jsonPath("$.error")
                .value(String.class, error -> assertThat(error).containsIgnoringCase("DOCTYPE"))
                .jsonPath("$.consecutiveFailures")
                .value(Integer.class, failures -> assertThat(failures).isPositive())
                .jsonPath("$.nextPollAt")
                .exists()
                .jsonPath("$.found")
                .doesNotExist();
        client.post()
                .uri("/api/sources/yunxi/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer secret-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.outcome")
                .value(String.class, outcome -> assertThat(outcome).isIn("succeeded", "not_modified"))
                .jsonPath("$.error")
                .doesNotExist();
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it leaves a removed source with items behind
    void hotReloadAddsAndRemovesSourcesAndKeepsConfigOnInvalidEdit() throws IOException {
        Files.writeString(sourcesFile, sources(true), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sourceStateOrNull("extra") != null
                        && ((Number) sourceStateOrNull("extra").get("itemCount")).intValue() == 2);

        Files.writeString(sourcesFile, sources(true) + "    bogus-key: 1\n", StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(configState().get("stale")));
        assertThat((List<String>) configState().get("errors"))
                .anySatisfy(e -> assertThat(e).contains("sources.yml:").contains("bogus-key"));
        assertThat(sourceEntry("extra").get("status")).isNotEqualTo("removed");

        Files.writeString(sourcesFile, sources(false), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "removed".equals(sourceEntry("extra").get("status")));
        assertThat(configState().get("stale")).isEqualTo(false);
        // the removed source's items stay
        assertThat(items("?source=extra")).hasSize(2);
    }

    Map<String, Object> sourcesJson() {
        return ServiceApi.json(client, "/api/sources");
    }

    Map<String, Object> configState() {
        return (Map<String, Object>) sourcesJson().get("config");
    }

    Map<String, Object> sourceEntry(String id) {
        return ((List<Map<String, Object>>) sourcesJson().get("sources"))
                .stream().filter(s -> id.equals(s.get("id"))).findFirst().orElse(null);
    }

    Map<String, Object> sourceStateOrNull(String id) {
        Map<String, Object> entry = sourceEntry(id);
        return entry == null ? null : (Map<String, Object>) entry.get("state");
    }

    Map<String, Object> sourceState(String id) {
        Map<String, Object> state = sourceStateOrNull(id);
        assertThat(state).as("state of " + id).isNotNull();
        return state;
    }

    // the body at uri, which must answer 200
    private byte[] okBody(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
    }

    static List<String> texts(NodeList entries, String child) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            var element = (org.w3c.dom.Element) entries.item(i);
            NodeList children = element.getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                if (child.equals(children.item(c).getLocalName())) {
                    out.add(children.item(c).getTextContent().trim());
                    break;
                }
            }
        }
        return out;
    }
}

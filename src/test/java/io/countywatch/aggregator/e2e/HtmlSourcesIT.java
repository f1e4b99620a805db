package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * HTML sources through the running service: list pages in GBK and GB2312 with lying headers, automatic mode
 * with "下一页" pagination, detail pages completing cut titles and supplying dates, fetched only for new items;
 * then {@code /api/items}, the Atom feed, {@code /api/sources} health and the admin preview.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class HtmlSourcesIT {

    static final List<String> YINGCHENG_DETAILS = List.of(
            "/news/show-2031.html",
            "/news/show-2027.html",
            "/news/show-2019.html",
            "/news/show-2010.html",
            "/news/show-2004.html");

    static final FixtureWeb web = FixtureWeb.start();
    static final Path sourcesFile = writeSources();
    static final String TOKEN = "html-token";
    static final String FIXTURES = "fixtures/html/";

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "html_sources");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> TOKEN);
    }

    static Path writeSources() {
        // automatic mode, GBK by meta only, two pages, titles cut with "…" and no title attribute
        web.serveResource("/news/list.html", "text/html", FIXTURES + "auto-table-gbk.html")
                .serveResource("/news/list_2.html", "text/html", FIXTURES + "auto-table-gbk-p2.html");
        for (int i = 0; i < YINGCHENG_DETAILS.size(); i++) {
            web.serveResource(
                    YINGCHENG_DETAILS.get(i), "text/html", FIXTURES + "detail/auto-table-gbk-" + (i + 1) + ".html");
        }
        // selectors with detail selectors; year-less list dates
        web.serveResource("/col/col1425/index.html", "text/html", FIXTURES + "table-gbk-meta.html");
        String[] shimen = {"content_81231", "content_81190", "content_81133", "content_81102"};
        for (int i = 0; i < shimen.length; i++) {
            web.serveResource(
                    "/art/2023/9/" + shimen[i] + ".html",
                    "text/html; charset=gbk",
                    FIXTURES + "detail/table-gbk-meta-" + (i + 1) + ".html");
        }
        // no dates on the list; GB2312 page served as UTF-8; dates come from the detail pages
        web.serveResource("/xnyw.htm", "text/html; charset=utf-8", FIXTURES + "no-list-date.html");
        String[] xiaonan = {"30211", "30205", "30199"};
        for (int i = 0; i < xiaonan.length; i++) {
            web.serveResource(
                    "/info/1021/" + xiaonan[i] + ".htm",
                    "text/html; charset=utf-8",
                    FIXTURES + "detail/no-list-date-" + (i + 1) + ".html");
        }
        // a source whose date selector no longer matches and whose detail pages are gone
        web.serveResource("/xc/gzdt/index.html", "text/html; charset=UTF-8", FIXTURES + "trs-title-attribute.html");
        try {
            Path file = TempFolders.create("html-sources-it").resolve("sources.yml");
            Files.writeString(
                    file,
                    """
                    defaults:
                      interval: 1h
                    sources:
                      - id: yingcheng
                        name: 应城市人民政府 · 应城新闻
                        url: %s
                        type: html
                        pages: 2
                        tags: [hubei]
                      - id: shimen
                        name: 石门县人民政府 · 通知公告
                        url: %s
                        type: html
                        list:
                          item: "table.listtable tr"
                          link: "td.list_a a"
                          title: "td.list_a a"
                          date: "td.list_date"
                        detail:
                          title: "td.bt"
                          content: "#zoom"
                          date: "td.sj"
                      - id: xiaonan
                        name: 孝南区 · 孝南要闻
                        url: %s
                        type: html
                        list:
                          item: "div.lists > p.tit"
                          link: "a"
                          title: "a"
                      - id: broken
                        name: 孝昌县 · 工作动态
                        url: %s
                        type: html
                        list:
                          item: "ul.news-list > li"
                          link: "a"
                          title: "a"
                          date: "em.gone"
                    """.formatted(
                                    web.url("/news/list.html"),
                                    web.url("/col/col1425/index.html"),
                                    web.url("/xnyw.htm"),
                                    web.url("/xc/gzdt/index.html")),
                    StandardCharsets.UTF_8);
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
        await().atMost(Duration.ofSeconds(60))
                .until(() -> items("?limit=100").size() >= 17
                        && sources().stream().allMatch(s -> s.get("status") != null && !"new".equals(s.get("status"))));
    }

    List<Map<String, Object>> items(String query) {
        return ServiceApi.items(client, query);
    }

    List<Map<String, Object>> sources() {
        return ServiceApi.sources(client);
    }

    Map<String, Object> source(String id) {
        return sources().stream()
                .filter(s -> id.equals(s.get("id")))
                .findFirst()
                .orElseThrow();
    }

    Map<String, Object> item(String title) {
        return items("?limit=100").stream()
                .filter(i -> title.equals(i.get("title")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void storesFullTitlesFromDetailPagesInAutomaticMode() {
        assertThat(items("?source=yingcheng&limit=100"))
                .extracting(i -> i.get("title"))
                .containsExactlyInAnyOrder(
                        "应城市2023年第二批次城镇公益性岗位招聘拟录用人员公示",
                        "应城市人民政府关于开展第五次全国经济普查的通告",
                        "市卫健委开展“健康进万家”义诊活动惠及群众三千余人次",
                        "应城市召开2023年重点项目建设推进会暨项目观摩活动",
                        "黄滩镇：稻虾共作绘就丰收图 乡村振兴展新颜");
        Map<String, Object> item = item("应城市人民政府关于开展第五次全国经济普查的通告");
        assertThat(item.get("publishedAt")).isEqualTo("2023-09-17T09:30:00+08:00");
        assertThat(item.get("url")).isEqualTo(web.url("/news/show-2027.html"));
        assertThat((String) item.get("content"))
                .contains("来源：应城市融媒体中心", "县政府召开专题会议")
                .doesNotContain("分享到", "打印本页", "关闭窗口", "script");
        assertThat((String) item.get("summary")).startsWith("9月8日，县政府召开专题会议").doesNotContain("<");
    }

    @Test
    void completesCutTitlesWithDetailSelectors() {
        assertThat(items("?source=shimen&limit=100"))
                .extracting(i -> i.get("title"))
                .containsExactlyInAnyOrder(
                        "石门县2023年第三季度城乡居民最低生活保障资金发放情况公示",
                        "关于开展2023年度全县安全生产大检查“回头看”工作的通知",
                        "县农业农村局组织开展秋季农作物病虫害统防统治技术培训",
                        "石门县防汛抗旱指挥部关于调整防汛应急响应的通知");
        assertThat(items("?limit=100")).extracting(i -> (String) i.get("title")).noneMatch(t -> t.contains("\uFFFD"));
    }

    @Test
    void takesTheDateFromTheDetailPageWhenTheListHasNone() {
        assertThat(item("孝南区召开第二次全国污染源普查成果应用工作推进会").get("publishedAt")).isEqualTo("2023-09-18T15:20:00+08:00");
        assertThat(item("朋兴乡：人居环境整治让乡村美起来").get("publishedAt")).isEqualTo("2023-09-15T08:45:00+08:00");
        // the item's data says where its date came from
        assertThat(item("孝南区召开第二次全国污染源普查成果应用工作推进会").get("dateOrigin")).isEqualTo("detail");
    }

    @Test
    void servesHtmlItemsInTheAtomFeed() {
        String atom = ServiceApi.text(client, "/feeds/all.atom?limit=100");
        assertThat(atom)
                .contains("<title>应城市2023年第二批次城镇公益性岗位招聘拟录用人员公示</title>", "<title>石门县防汛抗旱指挥部关于调整防汛应急响应的通知</title>");
        assertThat(atom).doesNotContain("…</title>");
    }

    @Test
    void fetchesDetailPagesOnlyForNewItems() {
        int listRequests = web.requests("/news/list.html");
        YINGCHENG_DETAILS.forEach(
                path -> assertThat(web.requests(path)).as(path).isEqualTo(1));

        client.post()
                .uri("/api/sources/yingcheng/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(web.requests("/news/list.html")).isGreaterThan(listRequests);
        YINGCHENG_DETAILS.forEach(
                path -> assertThat(web.requests(path)).as(path).isEqualTo(1));
        assertThat(items("?source=yingcheng&limit=100")).hasSize(5);
    }

    @Test
    void showsExtractionHealthInApiSources() {
        Map<String, Object> shimen = source("shimen");
        assertThat(shimen.get("status")).isEqualTo("ok");
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) shimen.get("state")).get("health");
        assertThat(health)
                .containsEntry("found", 4)
                .containsEntry("dated", 4)
                .containsEntry("titlesCut", 4)
                .containsEntry("detailFailures", 0);
        assertThat(source("xiaonan").get("status")).isEqualTo("ok");

        Map<String, Object> broken = source("broken");
        assertThat(broken.get("status")).isEqualTo("unhealthy");
        assertThat((List<String>) broken.get("problems")).contains("no dates", "5 detail pages failed");
    }

    @Test
    void previewShowsProvenanceInferredSelectorsAndWarnings() {
        Map<String, Object> preview = ServiceApi.adminJson(client, "/api/sources/yingcheng/preview", TOKEN);
        assertThat((Map<String, Object>) preview.get("inferredSelectors"))
                .containsEntry("item", "table.tb tr")
                .containsEntry("date", "td.rq");
        List<Map<String, Object>> items = (List<Map<String, Object>>) preview.get("items");
        assertThat(items).hasSize(5).allSatisfy(i -> {
            assertThat(i.get("stored")).isEqualTo(true);
            assertThat(i.get("dateFrom")).isEqualTo("inferred"); // stored items: the list date, no detail page fetched
        });

        Map<String, Object> xiaonan = ServiceApi.adminJson(client, "/api/sources/xiaonan/preview", TOKEN);
        assertThat((List<String>) xiaonan.get("warnings"))
                .anyMatch(w -> w.startsWith("charset header says utf-8, page decodes as GB18030"))
                .contains("no dates found on the list page");
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoverFindsTheColumnsOfAHomepageForAdminsOnly() {
        // A county not yet polled, on a host of its own: this class's pollers keep 127.0.0.1 busy, and discover's
        // requests wait their turn in that site's politeness like any other (a polled site is held by its poller).
        FixtureWeb county = FixtureWeb.start("127.0.0.9");
        county.serve(
                        "/",
                        "text/html; charset=utf-8",
                        ("<html><head><title>应城市人民政府</title></head><body><div class='nav'><a href='/'>首页</a>"
                                        + "<a href='/news/list.html'>工作动态</a><a href='/col/col1425/index.html'>通知公告</a>"
                                        + "</div></body></html>")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .serveResource("/news/list.html", "text/html", FIXTURES + "auto-table-gbk.html")
                .serveResource("/news/list_2.html", "text/html", FIXTURES + "auto-table-gbk-p2.html")
                .serveResource("/col/col1425/index.html", "text/html", FIXTURES + "table-gbk-meta.html");
        try {
            discover(county);
        } finally {
            county.close();
        }
    }

    @SuppressWarnings("unchecked")
    private void discover(FixtureWeb web) {
        String uri = "/api/discover?url=" + web.url("/");
        client.get().uri(uri).exchange().expectStatus().isUnauthorized();

        Map<String, Object> report = ServiceApi.adminJson(client, uri, TOKEN);
        assertThat(report.get("error")).isNull();
        List<Map<String, Object>> sources = (List<Map<String, Object>>) report.get("sources");
        assertThat(sources).extracting(s -> s.get("name")).containsExactly("应城市人民政府 · 工作动态", "应城市人民政府 · 通知公告");
        assertThat(sources.get(0)).containsEntry("health", "ok").containsEntry("rows", 3); // the first of its two pages
        assertThat((Map<String, Object>) sources.get(0).get("inferred")).containsEntry("item", "table.tb tr");
        assertThat((String) report.get("fragment")).contains("item: \"table.tb tr\"", "date: \"td.rq\"");
    }
}

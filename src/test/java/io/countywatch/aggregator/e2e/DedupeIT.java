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
 * One story, one item, through the running service: a government feed and a content farm that copies its story
 * with a byline and a disclaimer; a monthly report that keeps its title; a story retitled at the same URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class DedupeIT {

    static final String STORY = "<p>9月5日，孝昌县召开秋季森林防火工作部署会，县委常委、副县长王志强出席会议并讲话。</p>"
            + "<p>会议通报了今年以来全县森林火情监测情况，共出动巡护人员320人次，清理林下可燃物150亩。</p>"
            + "<p>会议强调，各乡镇要压实属地责任，严格落实野外用火审批制度，坚决杜绝违规用火行为。</p>";
    static final String REPORT =
            "<p>孝昌县疾病预防控制中心于2023年%d月对城区集中式供水单位出厂水和末梢水开展了水质监测，" + "本月共采集水样%d份，检测指标42项，各项指标均符合国家标准。现将监测结果予以公布。</p>";

    static final FixtureWeb web = FixtureWeb.start();
    static final Path sourcesFile = writeSources();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "dedupe_e2e");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> "secret-token");
    }

    static Path writeSources() {
        web.serve("/gov/rss.xml", "application/rss+xml", govFeed("孝昌县开展统计法治宣传月活动"));
        web.serve(
                "/farm/rss.xml",
                "application/rss+xml",
                rss(item(
                        "转载：孝昌县召开秋季森林防火工作部署会_孝感新闻网",
                        "http://www.farm.com/a/77812.html?from=timeline",
                        "Tue, 05 Sep 2023 18:20:00 +0800",
                        "<p>Admin - admin 于2022年01月19日发表</p>"
                                + STORY.replace("，", ", ").replace("320", "３２０") + "<p>本文章内容来源于网络公开内容,仅供参考!</p>")));
        try {
            Path file = TempFolders.create("dedupe-it").resolve("sources.yml");
            Files.writeString(
                    file, """
                    defaults:
                      interval: 1h
                    sources:
                      - id: gov
                        name: 孝昌县人民政府
                        url: %s
                        type: feed
                      - id: farm
                        name: 某资讯网
                        url: %s
                        type: feed
                    """.formatted(web.url("/gov/rss.xml"), web.url("/farm/rss.xml")), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] govFeed(String statsTitle) {
        return rss(item(
                        "孝昌县召开秋季森林防火工作部署会",
                        "http://www.xiaochang.gov.cn/xwzx/1001.html",
                        "Tue, 05 Sep 2023 10:00:00 +0800",
                        STORY)
                + item(
                        "孝昌县生活饮用水水质信息公布",
                        "http://www.xiaochang.gov.cn/tzgg/2001.html",
                        "Mon, 07 Aug 2023 17:30:00 +0800",
                        REPORT.formatted(7, 24))
                + item(
                        "孝昌县生活饮用水水质信息公布",
                        "http://www.xiaochang.gov.cn/tzgg/2002.html",
                        "Tue, 05 Sep 2023 17:30:00 +0800",
                        REPORT.formatted(8, 26))
                + item(
                        statsTitle,
                        "http://www.xiaochang.gov.cn/xwzx/1002.html",
                        "Mon, 04 Sep 2023 09:30:00 +0800",
                        "<p>为深入贯彻统计法律法规，孝昌县统计局近日在全县范围内开展统计法治宣传月活动，" + "向过往群众发放宣传资料600余份。</p>"));
    }

    static String item(String title, String link, String date, String html) {
        return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>" + date
                + "</pubDate><description><![CDATA[" + html + "]]></description></item>";
    }

    static byte[] rss(String items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
                        + "<link>http://127.0.0.1/</link><description>d</description>" + items + "</channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopWeb() {
        web.close();
    }

    @BeforeEach
    void client() {
        client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> polled("gov") && polled("farm"));
    }

    @Test
    void showsTheFarmCopyAsAnotherPlaceOfTheOneItem() {
        List<Map<String, Object>> fire = items().stream()
                .filter(i -> ((String) i.get("title")).contains("森林防火"))
                .toList();
        assertThat(fire).hasSize(1);
        // whichever poll came first owns the item; the other place is in alsoAt
        Map<String, Object> item = fire.get(0);
        String other = item.get("sourceId").equals("gov") ? "farm" : "gov";
        assertThat((List<Map<String, Object>>) item.get("alsoAt"))
                .singleElement()
                .satisfies(place -> {
                    assertThat(place.get("sourceId")).isEqualTo(other);
                    assertThat((String) place.get("url"))
                            .contains(other.equals("gov") ? "xiaochang.gov.cn" : "farm.com");
                });
        Map<String, Object> preview = ServiceApi.adminJson(client, "/api/sources/farm/preview", "secret-token");
        Map<String, Object> decision = ((List<Map<String, Object>>) preview.get("decisions")).get(0);
        assertThat(decision.get("decision")).isEqualTo("same");
        assertThat(decision.get("itemId")).isEqualTo(item.get("id"));
    }

    @Test
    void keepsEachMonthlyReportWithTheSameTitle() {
        assertThat(items())
                .filteredOn(i -> i.get("title").equals("孝昌县生活饮用水水质信息公布"))
                .extracting(i -> i.get("url"))
                .containsExactlyInAnyOrder(
                        "http://www.xiaochang.gov.cn/tzgg/2001.html", "http://www.xiaochang.gov.cn/tzgg/2002.html");
    }

    @Test
    void updatesARetitledStoryInPlace() {
        String url = "http://www.xiaochang.gov.cn/xwzx/1002.html";
        Map<String, Object> before = items().stream()
                .filter(i -> url.equals(i.get("url")))
                .findFirst()
                .orElseThrow();
        web.serve("/gov/rss.xml", "application/rss+xml", govFeed("孝昌县统计局开展统计法治宣传月活动"));
        client.post()
                .uri("/api/sources/gov/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer secret-token")
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> items().stream()
                        .anyMatch(i -> url.equals(i.get("url")) && "孝昌县统计局开展统计法治宣传月活动".equals(i.get("title"))));
        List<Map<String, Object>> atUrl =
                items().stream().filter(i -> url.equals(i.get("url"))).toList();
        assertThat(atUrl).singleElement().satisfies(after -> {
            assertThat(after.get("id")).isEqualTo(before.get("id"));
            assertThat((String) after.get("updatedAt")).isNotEqualTo(before.get("updatedAt"));
        });
    }

    List<Map<String, Object>> items() {
        return ServiceApi.items(client, "?limit=100");
    }

    boolean polled(String source) {
        Map<String, Object> body = ServiceApi.json(client, "/api/sources");
        return ((List<Map<String, Object>>) body.get("sources"))
                .stream()
                        .filter(s -> source.equals(s.get("id")))
                        .map(s -> (Map<String, Object>) s.get("state"))
                        .anyMatch(state -> state != null && state.get("lastSuccessAt") != null);
    }
}

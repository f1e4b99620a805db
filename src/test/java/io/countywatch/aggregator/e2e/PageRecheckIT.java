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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code recheck: 24h} through the running service: a county site edits a story's text after publishing it and its
 * list stays byte for byte the same. The source's recent items' pages are read again once their re-check is due,
 * the edit updates the item in place (same id, new revision), an unchanged page changes nothing, and a poll right
 * after reads no page again. A source without {@code recheck} keeps the first text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageRecheckIT {

    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    static final String FIRST =
            "<p>12月1日，通城县召开冬季安全生产工作会议，全县共排查隐患120处，已整改98处。</p>" + "<p>会议要求各乡镇、各部门压实责任，确保冬季安全生产形势稳定。</p>";
    static final String EDITED = FIRST.replace("120处，已整改98处", "132处，已整改118处");
    static final String OTHER = "<p>通城县人民医院新建发热门诊投入使用，设置独立候诊区和检验室，日接诊能力提升至300人次。</p>" + "<p>院方表示，将持续优化就诊流程，方便群众就医。</p>";

    static final FixtureWeb web = FixtureWeb.start();
    static final Path sourcesFile = writeSources();

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "page_recheck");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> "secret-token");
    }

    static Path writeSources() {
        for (String site : new String[] {"/rechecked", "/plain"}) {
            web.serve(site + "/list.html", "text/html; charset=utf-8", list(site));
            web.serve(site + "/a/1001.html", "text/html; charset=utf-8", page(site, "召开冬季安全生产工作会议", FIRST));
            web.serve(site + "/a/1002.html", "text/html; charset=utf-8", page(site, "人民医院发热门诊投入使用", OTHER));
        }
        try {
            Path file = TempFolders.create("page-recheck-it").resolve("sources.yml");
            Files.writeString(
                    file,
                    """
                    defaults:
                      interval: 1h
                      type: html
                    sources:
                      - id: rechecked
                        url: %s
                        recheck: 24h
                        list: {item: "ul.news li", link: a, title: a, date: span}
                        detail: {title: h1, content: div.article}
                      - id: plain
                        url: %s
                        list: {item: "ul.news li", link: a, title: a, date: span}
                        detail: {title: h1, content: div.article}
                    """.formatted(web.url("/rechecked/list.html"), web.url("/plain/list.html")),
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // Each site is a county of its own (通城, 崇阳): the same text on both would be one story, one item.
    static String county(String site) {
        return site.equals("/rechecked") ? "通城县" : "崇阳县";
    }

    static byte[] list(String site) {
        String county = county(site);
        return ("<html><head><meta charset=\"utf-8\"><title>工作动态</title></head><body><ul class=\"news\">"
                        + "<li><a href=\"" + site + "/a/1001.html\">" + county + "召开冬季安全生产工作会议</a><span>"
                        + TODAY + "</span></li><li><a href=\"" + site + "/a/1002.html\">" + county
                        + "人民医院发热门诊投入使用</a><span>" + TODAY + "</span></li></ul></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] page(String site, String title, String body) {
        String county = county(site);
        return ("<html><head><meta charset=\"utf-8\"><title>" + county + title + "</title></head><body><h1>"
                        + county + title + "</h1><div class=\"article\">" + body.replace("通城县", county)
                        + "</div></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopWeb() {
        web.close();
    }

    @Test
    void readsRecentPagesAgainAndAppliesAnEditInPlace() {
        WebTestClient client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ServiceApi.items(client, "?limit=10").size() == 4);
        Map<String, Object> before = item(client, "rechecked", "/a/1001.html");
        Map<String, Object> plainBefore = item(client, "plain", "/a/1001.html");
        assertThat((String) before.get("content")).contains("120处");

        for (String site : new String[] {"/rechecked", "/plain"}) {
            web.serve(site + "/a/1001.html", "text/html; charset=utf-8", page(site, "召开冬季安全生产工作会议", EDITED));
        }
        int pagesRead = web.requests("/rechecked/a/1001.html") + web.requests("/rechecked/a/1002.html");

        // Before the re-check is due (a quarter of the window after the item was stored) no page is read again.
        pollNow(client, "rechecked");
        assertThat(web.requests("/rechecked/a/1001.html") + web.requests("/rechecked/a/1002.html"))
                .isEqualTo(pagesRead);

        // Seven hours on: both items are due.
        db.sql("UPDATE item SET fetched_at = fetched_at - interval '7 hours'")
                .then()
                .block();
        pollNow(client, "rechecked");
        pollNow(client, "plain");

        assertThat(web.requests("/rechecked/a/1001.html") + web.requests("/rechecked/a/1002.html"))
                .as("each recent page read once more")
                .isEqualTo(pagesRead + 2);
        Map<String, Object> after = item(client, "rechecked", "/a/1001.html");
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat((String) after.get("content")).contains("132处").doesNotContain("120处");
        assertThat(after.get("updatedAt")).isNotEqualTo(before.get("updatedAt"));
        assertThat(revision("rechecked", "/a/1001.html")).isEqualTo(2);
        assertThat(revision("rechecked", "/a/1002.html"))
                .as("an unchanged page changes nothing")
                .isEqualTo(1);
        assertThat(ServiceApi.items(client, "?limit=10")).as("no item added").hasSize(4);
        assertThat((String) item(client, "plain", "/a/1001.html").get("content"))
                .as("a source without recheck keeps the first text")
                .isEqualTo(plainBefore.get("content"));

        // The checks are recorded: a poll right after reads no page again.
        pollNow(client, "rechecked");
        assertThat(web.requests("/rechecked/a/1001.html") + web.requests("/rechecked/a/1002.html"))
                .isEqualTo(pagesRead + 2);
    }

    void pollNow(WebTestClient client, String source) {
        client.post()
                .uri("/api/sources/" + source + "/poll")
                .header(HttpHeaders.AUTHORIZATION, "Bearer secret-token")
                .exchange()
                .expectStatus()
                .isOk();
    }

    Map<String, Object> item(WebTestClient client, String source, String path) {
        return ServiceApi.items(client, "?limit=10&source=" + source).stream()
                .filter(i -> ((String) i.get("url")).endsWith("/" + source + path))
                .findFirst()
                .orElseThrow();
    }

    int revision(String source, String path) {
        return db.sql("SELECT revision FROM item WHERE source_id = :source AND url LIKE :url")
                .bind("source", source)
                .bind("url", "%/" + source + path)
                .map(row -> row.get("revision", Integer.class))
                .one()
                .block();
    }
}

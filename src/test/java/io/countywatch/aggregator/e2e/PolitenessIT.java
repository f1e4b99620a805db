package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.HeldPages;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Per-source politeness through the running service. The application properties ask for no spacing and one request
 * per host; the sources file lets one county site take two detail pages at once, and holds two sources sharing another
 * site to the stricter one's 400 ms, then to 900 ms after a reload of the file. Both sites count what they see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PolitenessIT {

    static final String TOKEN = "politeness-token";
    static final int OVERLAP_DETAILS = 6;
    static final FixtureWeb overlapSite = FixtureWeb.start("127.0.0.31");
    static final FixtureWeb sharedSite = FixtureWeb.start("127.0.0.32");
    static final HeldPages overlapDetails = new HeldPages(
            OVERLAP_DETAILS,
            "<html><head><meta charset=\"utf-8\"><title>孝昌县人民政府</title></head><body><h1>乡镇动态</h1>"
                    + "<div class=\"content\"><p>11月20日，县农业农村局组织技术人员深入",
            "各乡镇开展秋冬种生产技术指导。</p></div></body></html>");
    // request arrivals at the shared site (list and detail pages of both sources), by the site's clock
    static final List<Long> sharedArrivals = new CopyOnWriteArrayList<>();
    static final int SHARED_REQUESTS = 2 + 3 + 2;
    static final Path sourcesFile = writeSources();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "politeness");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> TOKEN);
        registry.add("aggregator.fetch.host-spacing", () -> "0s");
        registry.add("aggregator.fetch.domain-spacing", () -> "0s");
    }

    static Path writeSources() {
        overlapSite.serve("/zwdt/list.html", "text/html; charset=utf-8", list("/zwdt/", "孝昌县乡镇动态", OVERLAP_DETAILS));
        for (int i = 1; i <= OVERLAP_DETAILS; i++) {
            overlapSite.route("/zwdt/" + i + ".html", overlapDetails);
        }
        recorded("/tzgg/list.html", list("/tzgg/", "大悟县通知公告", 3));
        recorded("/gsgg/list.html", list("/gsgg/", "大悟县公示公告", 2));
        for (int i = 1; i <= 3; i++) {
            recorded("/tzgg/" + i + ".html", detail("大悟县通知公告第" + i + "号"));
        }
        for (int i = 1; i <= 2; i++) {
            recorded("/gsgg/" + i + ".html", detail("大悟县公示公告第" + i + "号"));
        }
        try {
            Path file = TempFolders.create("politeness-it").resolve("sources.yml");
            Files.writeString(
                    file,
                    """
                    defaults:
                      interval: 1h
                      domain-concurrency: 2   # an IP address is its own domain: the host limits decide here
                    sources:
                      - id: xiaochang-zwdt
                        url: %s
                        type: html
                        host-concurrency: 2
                        list: {item: "ul.news > li", link: "a", title: "a", date: "span"}
                      - id: dawu-tzgg
                        url: %s
                        type: html
                        host-spacing: 400ms
                        list: {item: "ul.news > li", link: "a", title: "a", date: "span"}
                      - id: dawu-gsgg
                        url: %s
                        type: html
                        host-spacing: 50ms
                        list: {item: "ul.news > li", link: "a", title: "a", date: "span"}
                    """.formatted(
                                    overlapSite.url("/zwdt/list.html"),
                                    sharedSite.url("/tzgg/list.html"),
                                    sharedSite.url("/gsgg/list.html")),
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void recorded(String path, byte[] body) {
        sharedSite.route(path, (request, response) -> {
            sharedArrivals.add(System.nanoTime());
            return response.header("Content-Type", "text/html; charset=utf-8").sendByteArray(Mono.just(body));
        });
    }

    static byte[] list(String folder, String title, int items) {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>")
                .append(title)
                .append("</title></head><body><ul class=\"news\">");
        for (int i = 1; i <= items; i++) {
            html.append("<li><a href=\"")
                    .append(folder)
                    .append(i)
                    .append(".html\">")
                    .append(title)
                    .append("：第")
                    .append(i)
                    .append("期工作简报</a><span>2026-11-")
                    .append(10 + i)
                    .append("</span></li>");
        }
        return html.append("</ul></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] detail(String title) {
        return ("<html><head><meta charset=\"utf-8\"></head><body><h1>" + title + "</h1><div class=\"content\"><p>"
                        + title + "：请各乡镇、各部门认真贯彻落实。</p></div></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopSites() {
        overlapSite.close();
        sharedSite.close();
    }

    @Test
    void aSourcesOwnHostConcurrencyIsWhatItsSiteSees() {
        await().atMost(Duration.ofSeconds(60)).until(() -> overlapDetails.arrivals() >= OVERLAP_DETAILS);

        // the application properties say one at a time; the source says two, and its site never saw more
        assertThat(overlapDetails.maxInFlight()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ServiceApi.items(ServiceApi.client(port), "?source=xiaochang-zwdt&limit=100")
                                .size()
                        == OVERLAP_DETAILS);
    }

    @Test
    void twoSourcesOnOneSiteAreBothHeldToTheStricterSpacing() {
        await().atMost(Duration.ofSeconds(60)).until(() -> sharedArrivals.size() >= SHARED_REQUESTS);

        // the first round's requests: a reload test may have added its own after them
        List<Long> arrivals = new ArrayList<>(sharedArrivals.subList(0, SHARED_REQUESTS));
        // the application properties ask for no spacing and dawu-gsgg for 50 ms: only dawu-tzgg's 400 ms explains
        // this floor, which the site must see because spacing counts from the previous answer
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 1))
                    .as("gap before request %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        }
    }

    @Test
    void aReloadedSpacingHoldsForTheNextRequestsWithoutRestart() throws IOException {
        WebTestClient client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sharedArrivals.size() >= SHARED_REQUESTS
                        && ServiceApi.sources(client).stream()
                                .filter(s -> String.valueOf(s.get("id")).startsWith("dawu-"))
                                .noneMatch(s -> s.get("status") == null || "new".equals(s.get("status"))));
        Files.writeString(
                sourcesFile,
                Files.readString(sourcesFile, StandardCharsets.UTF_8)
                        .replace("host-spacing: 400ms", "host-spacing: 900ms"),
                StandardCharsets.UTF_8);
        client.post()
                .uri("/api/sources/reload")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .exchange()
                .expectStatus()
                .isOk();
        int before = sharedArrivals.size();

        // the lenient source, polled twice in a row: its two list requests are held to the reloaded stricter spacing
        for (int poll = 0; poll < 2; poll++) {
            client.post()
                    .uri("/api/sources/dawu-gsgg/poll")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        List<Long> after = new ArrayList<>(sharedArrivals.subList(before, sharedArrivals.size()));
        assertThat(after).hasSize(2);
        assertThat(after.get(1) - after.get(0))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900).toNanos());
    }
}

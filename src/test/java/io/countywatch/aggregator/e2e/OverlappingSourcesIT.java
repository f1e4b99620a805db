package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One story, one item, when a county's sources overlap ({@link CountyWorld}): after several polling waves and a
 * corrected headline, no story is stored twice, every title is whole and undecorated, the correction is applied in
 * place, the two monthly reports stay two items, and each source's feed holds what that source lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class OverlappingSourcesIT {

    static final String TOKEN = "secret-token";
    static final CountyWorld world = new CountyWorld();
    static final List<String> SOURCES = List.of("xc-rss", "xc-gzdt", "xc-xzdt", "xc-home", "xgrb");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "overlap_e2e");
        registry.add("aggregator.sources", () -> writeSources().toString());
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> TOKEN);
    }

    static Path writeSources() {
        String list = String.join(
                "\n",
                "    list:",
                "      item: \"ul.list > li\"",
                "      link: \"a\"",
                "      title: \"a\"",
                "      date: \"span.date\"");
        String yaml = String.join(
                "\n",
                "defaults:",
                "  interval: 1h",
                "  tags: [hubei, xiaochang]",
                "sources:",
                "  - id: xc-rss",
                "    name: 孝昌县人民政府 · RSS",
                "    url: " + world.countyUrl("/rss.xml"),
                "    type: feed",
                "  - id: xc-gzdt",
                "    name: 孝昌县人民政府 · 工作动态",
                "    url: " + world.countyUrl("/xwzx/gzdt/"),
                "    type: html",
                list,
                "  - id: xc-xzdt",
                "    name: 孝昌县人民政府 · 乡镇动态",
                "    url: " + world.countyUrl("/xwzx/xzdt/"),
                "    type: html",
                list,
                "  - id: xc-home",
                "    name: 孝昌县人民政府 · 首页",
                "    url: " + world.countyUrl("/"),
                "    type: html",
                list,
                "  - id: xgrb",
                "    name: 孝感日报",
                "    url: " + world.daily.url("/rss.xml"),
                "    type: feed",
                "    tags: [hubei, xiaogan]",
                "");
        try {
            Path file = TempFolders.create("overlap-it").resolve("sources.yml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopWeb() {
        world.close();
    }

    @Test
    void everyStoryOnceWithItsWholeTitleAndEachSourceListingWhatItLists() {
        WebTestClient client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(90)).until(() -> SOURCES.stream().allMatch(s -> polled(client, s, 1)));
        wave(client, 2);
        world.correctHeadline();
        wave(client, 3);
        wave(client, 4);

        List<Map<String, Object>> items = ServiceApi.items(client, "?limit=100");
        List<String> titles = items.stream().map(i -> (String) i.get("title")).toList();
        assertThat(titles)
                .as("every story once, whole and undecorated")
                .containsExactlyInAnyOrder(
                        "小河镇召开秋季森林防火工作部署会",
                        "白沙镇开展汛后水利设施安全隐患排查",
                        "周巷镇举办农村实用技术培训班",
                        "孝昌县统计局开展“统计法治宣传月”活动",
                        "孝昌县生活饮用水水质信息公布",
                        "孝昌县生活饮用水水质信息公布");
        assertThat(items.stream().map(i -> i.get("url")).collect(Collectors.toSet()))
                .as("the monthly reports stay two items, at their own addresses")
                .contains(
                        world.countyUrl("/xwzx/tzgg/202609/t20260905_316800.html"),
                        world.countyUrl("/xwzx/tzgg/202610/t20261008_316900.html"));
        Map<String, Object> corrected = items.stream()
                .filter(i -> ((String) i.get("title")).contains("统计法治宣传月"))
                .findFirst()
                .orElseThrow();
        assertThat(corrected.get("url")).isEqualTo(world.countyUrl("/xwzx/gzdt/202610/t20261020_316920.html"));
        assertThat((String) corrected.get("updatedAt")).isNotEqualTo(corrected.get("fetchedAt"));

        assertThat(listed(client, "xc-rss"))
                .containsExactlyInAnyOrder("316950", "316930", "316920", "316800", "316900");
        assertThat(listed(client, "xc-gzdt")).containsExactlyInAnyOrder("316950", "316940", "316920");
        assertThat(listed(client, "xc-xzdt")).containsExactlyInAnyOrder("316930", "316940");
        assertThat(listed(client, "xc-home")).containsExactlyInAnyOrder("316950", "316930", "316900");
        assertThat(listed(client, "xgrb")).containsExactlyInAnyOrder("316950", "316930");
        assertThat(ServiceApi.text(client, "/feeds/source/xgrb.json"))
                .as("the daily's feed")
                .contains("小河镇召开秋季森林防火工作部署会", "周巷镇举办农村实用技术培训班");
        assertThat(ServiceApi.items(client, "?tag=xiaogan&limit=100"))
                .extracting(i -> i.get("title"))
                .containsExactlyInAnyOrder("小河镇召开秋季森林防火工作部署会", "周巷镇举办农村实用技术培训班");
    }

    // The county article ids of the items in a source's filter: the story behind each one, whatever address owns it.
    Set<String> listed(WebTestClient client, String source) {
        return ServiceApi.items(client, "?source=" + source + "&limit=100").stream()
                .map(i -> world.articles.values().stream()
                        // the item keeps the address of whichever source stored it first; the monthly reports,
                        // which share a title, are told apart by the id in their own address
                        .filter(a -> a.title().equals(i.get("title"))
                                && (world.articles.values().stream()
                                                        .filter(b -> b.title().equals(a.title()))
                                                        .count()
                                                == 1
                                        || ((String) i.get("url"))
                                                .contains(a.path().replaceAll(".*_(\\d+)\\.html", "$1"))))
                        .map(a -> a.path().replaceAll(".*_(\\d+)\\.html", "$1"))
                        .findFirst()
                        .orElse("unknown " + i.get("title") + " " + i.get("url")))
                .collect(Collectors.toSet());
    }

    void wave(WebTestClient client, int wave) {
        for (String source : SOURCES) {
            client.post()
                    .uri("/api/sources/" + source + "/poll")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    boolean polled(WebTestClient client, String source, int times) {
        return ServiceApi.sources(client).stream()
                .filter(s -> source.equals(s.get("id")))
                .map(s -> (Map<String, Object>) s.get("state"))
                .anyMatch(state -> state != null && state.get("lastSuccessAt") != null);
    }
}

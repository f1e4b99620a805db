package io.countywatch.aggregator.web;

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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Every JSON shape the HTTP API answers, as reviewed files: {@code fixtures/json/api/<shape>.json} (the item itself
 * is {@code fixtures/json/item.json}, {@link ItemJsonGoldenIT}). A renamed, added, dropped or re-typed field fails
 * here and shows in review as a change of that file. What differs from run to run is replaced before comparing:
 * ports, UUIDs, the temp folder, and the digits of times (their offsets stay). Run with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiJsonGoldenIT {

    static final String TOKEN = "golden-admin-token";
    static final String DIR = "fixtures/json/api/";
    static final FixtureWeb web = FixtureWeb.start();
    static final Path sourcesFile = writeSources();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?");
    // numbers that count time or changes, not the shape
    static final java.util.Set<String> VOLATILE_NUMBERS =
            java.util.Set.of("lastDurationMs", "version", "intervalSeconds");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "api_json");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.admin-token", () -> TOKEN);
    }

    static Path writeSources() {
        web.serveResource("/yunxi/rss.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml")
                .serve("/", "text/html; charset=utf-8", """
                        <html><head><title>应城市人民政府</title></head><body><div class='nav'><a href='/'>首页</a>
                        <a href='/news/list.html'>工作动态</a></div></body></html>""".getBytes(StandardCharsets.UTF_8))
                .serveResource("/news/list.html", "text/html", "fixtures/html/auto-table-gbk.html")
                .serveResource("/news/list_2.html", "text/html", "fixtures/html/auto-table-gbk-p2.html");
        try {
            Path file = TempFolders.create("api-json-it").resolve("sources.yml");
            Files.writeString(file, sources(false), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sources(boolean withBaihe) {
        String yaml = """
                defaults:
                  interval: 1h
                  timezone: Asia/Shanghai
                sources:
                  - id: yunxi
                    name: 云溪县人民政府
                    url: %1$s
                    type: feed
                    tags: [hunan, yunxi]
                """.formatted(web.url("/yunxi/rss.xml"));
        return withBaihe ? yaml + """
                  - id: baihe
                    name: 白河镇
                    url: %1$s
                    type: feed
                    tags: [hunan]
                """.formatted(web.url("/yunxi/rss.xml")) : yaml;
    }

    @AfterAll
    static void stopWeb() {
        web.close();
    }

    @Test
    void everyResponseShapeIsItsGoldenFile() throws IOException {
        WebTestClient client = ServiceApi.client(port);
        // the scheduler polls the source once at start (then not for an hour); the answers below follow that poll
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ServiceApi.sources(client).stream()
                        .anyMatch(s -> ((Map<?, ?>) s.get("state")).get("lastPollAt") != null));

        assertGolden("poll-now.json", admin(client, HttpMethod.POST, "/api/sources/yunxi/poll"));
        assertGolden("sources.json", ServiceApi.text(client, "/api/sources"));
        assertGolden("items-page.json", ServiceApi.text(client, "/api/items?limit=1"));
        assertGolden("preview.json", admin(client, HttpMethod.GET, "/api/sources/yunxi/preview"));
        Files.writeString(sourcesFile, sources(true), StandardCharsets.UTF_8);
        assertGolden("reload.json", admin(client, HttpMethod.POST, "/api/sources/reload"));
        assertGolden("discover.json", admin(client, HttpMethod.GET, "/api/discover?url=" + web.url("/")));
    }

    static String admin(WebTestClient client, HttpMethod method, String uri) {
        return ServiceApi.adminText(client, method, uri, TOKEN);
    }

    void assertGolden(String name, String body) throws IOException {
        String actual =
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(normalized(JSON.readTree(body))) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources", DIR, name), actual, StandardCharsets.UTF_8);
            return;
        }
        String golden = new String(FixtureWeb.resource(DIR + name), StandardCharsets.UTF_8);
        assertThat(actual).as("the API's %s differs from %s", name, DIR + name).isEqualTo(golden);
    }

    JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (VOLATILE_NUMBERS.contains(field.getKey())
                        && field.getValue().isNumber()) {
                    object.put(field.getKey(), 0);
                } else {
                    object.set(field.getKey(), normalized(field.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalized(array.get(i)));
            }
            return array;
        }
        if (node.isString()) {
            String text = node.asString().replace(sourcesFile.getParent().toString(), "TMP");
            text = PORT.matcher(text).replaceAll("127.0.0.1:PORT");
            text = UUID.matcher(text).replaceAll("UUID");
            text = TIME.matcher(text).replaceAll("TIME");
            return StringNode.valueOf(text);
        }
        return node;
    }
}

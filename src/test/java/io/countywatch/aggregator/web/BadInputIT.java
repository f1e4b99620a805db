package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.support.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile and malformed input on every endpoint's query parameters, path segments and headers is the client's
 * fault: a 400 problem+json that names what was wrong, never a 500. URLs are sent exactly as written here (already
 * percent-encoded), the way a crawler or a fuzzer sends them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputIT {

    static final String TOKEN = "bad-input-admin-token";
    static final Path sourcesDir = sourcesDir();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "bad_input");
        registry.add(
                "aggregator.sources", () -> sourcesDir.resolve("sources.yml").toString());
        registry.add("aggregator.polling.enabled", () -> "false");
        registry.add("aggregator.admin-token", () -> TOKEN);
    }

    static Path sourcesDir() {
        try {
            Path dir = Files.createTempDirectory("bad-input-it");
            // the port is never listened on: no test here polls
            Files.writeString(dir.resolve("sources.yml"), """
                    sources:
                      - id: anlu
                        name: 安陆市人民政府
                        url: http://127.0.0.1:9/feed.xml
                        type: feed
                        tags: [hubei]
                    """, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void deleteSources() throws IOException {
        try (Stream<Path> files = Files.walk(sourcesDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /api/items?q=%00                                    |                  | q
            GET  | /api/items?q=a%00b                                  |                  | q
            GET  | /api/items?source=%00                               |                  | source
            GET  | /api/items?tag=%00                                  |                  | tag
            GET  | /api/items?since=%2B999999999-12-31T23:59:59Z       |                  | since
            GET  | /api/items?since=-999999999-01-01T00:00:00Z         |                  | since
            GET  | /api/items?since=10000-01-01T00:00:00Z              |                  | since
            GET  | /api/items?since=yesterday                          |                  | since
            GET  | /api/items?since=2023-09-09%00                      |                  | since
            GET  | /api/items?limit=abc                                |                  | limit
            GET  | /api/items?limit=0                                  |                  | limit
            GET  | /api/items?limit=-5                                 |                  | limit
            GET  | /api/items?limit=99999999999                        |                  | limit
            GET  | /api/items?cursor=%25%25                            |                  | cursor
            GET  | /api/items?cursor=bm90LWEtY3Vyc29y                  |                  | cursor
            GET  | /api/items?cursor=%00                               |                  | cursor
            GET  | /feeds/all.rss?q=%00                                |                  | q
            GET  | /feeds/all.atom?limit=abc                           |                  | limit
            GET  | /feeds/all.json?limit=0                             |                  | limit
            GET  | /feeds/all.rss?cursor=bm90LWEtY3Vyc29y              |                  | cursor
            GET  | /feeds/all.atom?cursor=%00                          |                  | cursor
            GET  | /feeds/tag/%00.rss                                  |                  | path
            GET  | /feeds/tag/a%00b.atom                               |                  | path
            GET  | /feeds/tag/hubei.json?q=%00                         |                  | q
            GET  | /feeds/tag/hubei.rss?limit=-1                       |                  | limit
            GET  | /feeds/source/%00.json                              |                  | path
            GET  | /feeds/source/anlu.rss?q=%00                        |                  | q
            GET  | /feeds/source/anlu.atom?cursor=xyz                  |                  | cursor
            GET  | /feeds/opml?q=%00                                   |                  | q
            GET  | /api/sources?x=%00                                  |                  | x
            GET  | /api/sources?since=abc                              |                  | since
            GET  | /api/sources?since=-1                               |                  | since
            GET  | /stream?q=%00                                       |                  | q
            GET  | /stream?tag=%00                                     |                  | tag
            GET  | /stream?source=%00                                  |                  | source
            GET  | /stream?lastEventId=abc                             |                  | lastEventId
            GET  | /stream?lastEventId=-3                              |                  | lastEventId
            GET  | /stream                                             | abc              | Last-Event-ID
            GET  | /stream                                             | 99999999999999999999 | Last-Event-ID
            POST | /api/sources/%00/poll                               |                  | path
            GET  | /api/sources/%00/preview                            |                  | path
            POST | /api/sources/a%00/poll                              |                  | path
            GET  | /feeds/all.rss?limit=2%2E5                          |                  | limit
            """)
    void answersProblem400(String method, String target, String lastEventId, String names) throws IOException {
        Answer answer = send(method, target, lastEventId);
        assertThat(answer.status()).as("%s", answer.headers()).startsWith("HTTP/1.1 400");
        String body = answer.body();
        assertThat(answer.headers()).as(body).contains("content-type: application/problem+json");
        assertThat(body).contains("\"status\":400").contains(names);
    }

    // Malformed escapes never reach the application: the HTTP server (Reactor Netty) refuses them with a bare 400.
    @ParameterizedTest
    @ValueSource(strings = {"/api/items?q=%ZZ", "/feeds/tag/%ZZ.rss"})
    void answersMalformedEscapesWith400(String target) throws IOException {
        assertThat(send("GET", target, null).status()).startsWith("HTTP/1.1 400");
    }

    // since is a date on /api/items and a change number on /api/sources (the dashboard asks ?since=0 first)
    @ParameterizedTest
    @ValueSource(strings = {"/api/sources?since=0", "/api/sources?since=12", "/api/items?since=2026-12-01T00:00:00Z"})
    void answersWellFormedSinceWith200(String target) throws IOException {
        assertThat(send("GET", target, null).status()).startsWith("HTTP/1.1 200");
    }

    /** The status line, the headers (lower case) and, for a 400, the body. */
    record Answer(String status, String headers, String body) {}

    Answer send(String method, String target, String lastEventId) throws IOException {
        // what browsers send: EventSource accepts only events, fetch() anything
        String accept = target.startsWith("/stream") ? "text/event-stream" : "*/*";
        // A raw request: java.net.URI refuses malformed escapes such as %ZZ, which a hostile client sends anyway.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: " + accept
                    + "\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n"
                    + (method.equals("POST") ? "Content-Length: 0\r\n" : "")
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            var headers = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.append(line.toLowerCase(Locale.ROOT)).append('\n');
            }
            // a /stream that wrongly answers 200 would never end: its body is not read
            String body = status.startsWith("HTTP/1.1 400") ? in.lines().collect(Collectors.joining("\n")) : "";
            return new Answer(status, headers.toString(), body);
        }
    }
}

package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OneFeedSource;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Feed readers and dashboards keep their connections alive. A client that fetched a large feed and sent its next
 * request as soon as the feed's last byte came could find the request never read: Reactor Netty queued it because the
 * feed's response had not quite ended, answered it, and then asked for no further read (reactor-netty issue 4361). With
 * four clients alternating a 500 kB feed and an API page, a connection stalled within the first few dozen requests;
 * each request here must be answered within 10 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveIT {

    static final Path work =
            Path.of("target", "keep-alive-" + ProcessHandle.current().pid());
    static final FixtureWeb web = FixtureWeb.start();
    static final String FEED = "/yunxi/rss.xml";
    static final int ITEMS = 60;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        web.serve(FEED, "application/rss+xml; charset=utf-8", bigFeed());
        Path file = OneFeedSource.write(work, "yunxi", web.url(FEED));
        TestDatabase.register(registry, "keep_alive");
        registry.add("aggregator.sources", file::toString);
    }

    @AfterAll
    static void stop() throws IOException {
        web.close();
        FileSystemUtils.deleteRecursively(work);
    }

    @Test
    void answersEveryRequestOnKeptAliveConnectionsAlternatingALargeFeedAndAnApiPage() throws Exception {
        var client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ServiceApi.sources(client).stream()
                        .map(source -> ((java.util.Map<?, ?>) source.get("state")).get("itemCount"))
                        .anyMatch(count -> count instanceof Number n && n.intValue() == ITEMS));

        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answered.add(clients.submit(() -> alternate(150)));
            }
            for (Future<Integer> count : answered) {
                assertThat(count.get()).isEqualTo(150);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Sends {@code requests} requests on one connection, each as soon as the previous answer is read whole. */
    private int alternate(int requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < requests; i++) {
                String path = i % 2 == 0 ? "/feeds/all.rss" : "/api/items?limit=5";
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = head(in);
                assertThat(head).as(path).startsWith("HTTP/1.1 200");
                int length = contentLength(head);
                assertThat(in.readNBytes(length)).as(path).hasSize(length);
                if (path.startsWith("/feeds")) {
                    assertThat(length).as("the feed is large").isGreaterThan(300_000);
                }
            }
            return requests;
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Content-Length in " + head));
    }

    /** An RSS feed of {@value #ITEMS} items with long bodies (about 7.5 kB each), as a feed with full text has them. */
    private static byte[] bigFeed() {
        StringBuilder rss = new StringBuilder(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
                .append("<title>云溪县人民政府</title><link>http://www.yunxi.gov.cn/</link><description>d</description>");
        for (int i = 0; i < ITEMS; i++) {
            rss.append("<item><title>")
                    .append(text(new java.util.Random(-i - 1), 16))
                    .append("</title><link>http://www.yunxi.gov.cn/xwzx/")
                    .append(i)
                    .append(".html</link><guid>yunxi-")
                    .append(i)
                    .append("</guid><pubDate>Thu, 03 Dec 2026 10:00:00 +0800</pubDate><description>")
                    .append(text(new java.util.Random(i), 2_500))
                    .append("</description></item>");
        }
        return rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    // distinct text for every item, so that no two are taken for the same story
    private static String text(java.util.Random random, int characters) {
        StringBuilder text = new StringBuilder(characters);
        for (int i = 0; i < characters; i++) {
            text.append((char) ('\u4e00' + random.nextInt(3_000)));
        }
        return text.toString();
    }
}

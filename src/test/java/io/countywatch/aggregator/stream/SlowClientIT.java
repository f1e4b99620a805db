package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.LiveItems;
import io.countywatch.aggregator.support.SseRecorder;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that stops reading fills its own small buffer and is disconnected; a reading client on the same
 * instance gets every event meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowClientIT {

    static final int EVENTS = 1000;
    static final int BURST = 100;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveEvents live;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "slow_client");
        registry.add("aggregator.polling.enabled", () -> "false");
        registry.add("aggregator.stream.client-buffer", () -> "200");
    }

    @Test
    void disconnectsAClientThatDoesNotReadWithoutSlowingTheOthers() throws IOException {
        LiveItems items = new LiveItems(context).source("xiaochang", "孝昌县人民政府", "hubei");
        try (Socket stalled = new Socket();
                SseRecorder reader = SseRecorder.open(port, "/stream", null)) {
            stalled.setReceiveBufferSize(4096); // before connect, so the window stays small
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            stalled.getOutputStream()
                    .write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(20)).until(() -> reader.connected() && live.clients() == 2);

            // ~30 MB of events: far more than the socket buffers (4 MB at most), the server's write queue and
            // the client's 200 events. They come in bursts of 100 that the reading client takes one after the
            // other, so a busy machine cannot make the reader overflow its own buffer; the stalled one must.
            for (int stored = 0; stored < EVENTS; stored += BURST) {
                items.storeMany("xiaochang", BURST, 10_000);
                int expected = stored + BURST;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> reader.named().size() >= expected);
            }
            assertThat(reader.named()).hasSize(EVENTS);
            assertThat(reader.ids()).containsExactlyElementsOf(items.eventIdsAfter(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> live.clients() == 1);

            // what the stalled client can still read ends: the server closed its connection part-way
            stalled.setSoTimeout(20_000);
            String received = readToEnd(stalled.getInputStream());
            long delivered =
                    received.lines().filter(line -> line.equals("event:item")).count();
            assertThat(delivered).isLessThan(EVENTS);
            assertThat(reader.ended()).isFalse();
        }
    }

    static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

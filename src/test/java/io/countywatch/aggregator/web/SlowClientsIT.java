package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The slow-client drill of issue 18 on loopback: 1,000 connections trickling header bytes are closed by the request
 * header timeout while normal requests keep answering and a {@code /stream} client stays connected, and connections
 * past the per-address cap are closed on arrival.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SlowClientsIT {

    static final int CAP = 600;

    @LocalServerPort
    int port;

    final List<SocketChannel> clients = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "slow_clients");
        registry.add("aggregator.polling.enabled", () -> "false");
        registry.add("aggregator.admin-token", () -> "slow-clients-token");
        registry.add("aggregator.stream.heartbeat", () -> "500ms");
        registry.add("aggregator.server.request-header-timeout", () -> "5s");
        registry.add("aggregator.server.max-connections-per-address", () -> String.valueOf(CAP));
        // longer than the drill waits: the trickling connections must be closed by the header timeout alone
        registry.add("server.netty.idle-timeout", () -> "30s");
    }

    @AfterEach
    void closeClients() throws IOException {
        for (SocketChannel client : clients) {
            client.close();
        }
    }

    @Test
    void closesTricklingConnectionsWhileRequestsAndStreamsGoOn(CapturedOutput output) throws Exception {
        SocketChannel stream = open("127.0.0.1");
        send(stream, "GET /stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
        List<SocketChannel> trickling = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            // two client addresses, 500 each, under the cap
            SocketChannel client = open(i % 2 == 0 ? "127.0.0.2" : "127.0.0.3");
            send(client, "GET /api/items HTTP/1.1\r\nHost: localhost\r\n");
            trickling.add(client);
        }

        // one header byte per connection every 200 ms: never idle, never done
        await().atMost(Duration.ofSeconds(25))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(health()).isEqualTo(200);
                    assertThat(trickling.stream().filter(this::trickle).count())
                            .as("trickling connections still open")
                            .isZero();
                });

        assertThat(health()).isEqualTo(200);
        assertThat(read(stream))
                .as("the stream, past the idle and header timeouts")
                .contains("HTTP/1.1 200");
        await().atMost(Duration.ofSeconds(10)).until(() -> read(stream).contains(":"));
        assertThat(stream.isOpen()).isTrue();
        // 1,000 identical closes are one line with a count, not a line (Reactor Netty's WARN) per connection
        assertThat(output.getAll().lines().filter(line -> line.contains("Decoding failed")))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(output.getAll().lines().filter(line -> line.contains("request head did not arrive")))
                .hasSizeBetween(1, 2);
    }

    @Test
    void closesConnectionsPastTheCapPerAddressOnArrival() throws IOException {
        // streams: long-lived by design, so only the cap can close them
        List<SocketChannel> streams = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            SocketChannel stream = open("127.0.0.4");
            send(stream, "GET /stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
            streams.add(stream);
        }
        // the server accepts at its own pace: wait until it streams to every one of them
        List<SocketChannel> waiting = new ArrayList<>(streams);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            waiting.removeIf(stream -> !readQuietly(stream).isEmpty());
            return waiting.isEmpty();
        });
        assertThat(answers("127.0.0.4")).as("one more from the same address").isFalse();
        assertThat(answers("127.0.0.5")).as("another address").isTrue();
        assertThat(streams.stream().filter(this::isClosed))
                .as("streams within the cap")
                .isEmpty();

        streams.get(0).close();

        await().atMost(Duration.ofSeconds(10)).until(() -> answers("127.0.0.4"));
    }

    @Test
    void healthHasTheDatabaseWritesComponent() throws Exception {
        String body = http.send(
                        // the components' details are the admin's (/actuator/health shows the status alone)
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/health"))
                                .header("Authorization", "Bearer slow-clients-token")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();

        assertThat(body).contains("\"databaseWrites\":{\"status\":\"UP\"");
    }

    /** Whether a health request from this address is answered; false when the server closes the connection. */
    private boolean answers(String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
        } catch (SocketException e) {
            return false; // reset by the server
        }
    }

    private SocketChannel open(String from) throws IOException {
        SocketChannel client = SocketChannel.open();
        clients.add(client);
        client.bind(new InetSocketAddress(from, 0));
        client.connect(new InetSocketAddress("127.0.0.1", port));
        client.configureBlocking(false);
        return client;
    }

    private static void send(SocketChannel client, String text) throws IOException {
        client.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends one more header byte; false once the server has closed the connection. */
    private boolean trickle(SocketChannel client) {
        if (isClosed(client)) {
            return false;
        }
        try {
            send(client, "X");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean isClosed(SocketChannel client) {
        try {
            return client.read(ByteBuffer.allocate(4096)) < 0;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static String readQuietly(SocketChannel client) {
        try {
            return read(client);
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        int n = client.read(buffer);
        return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
    }

    private int health() throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

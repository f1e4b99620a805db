package io.countywatch.aggregator.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.embedded.RunningServer;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OperatorProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution as an operator installs it: {@code target/aggregator-<version>-dist.tar.gz} (built by
 * {@code package}) unpacked into an empty folder, started with {@code bin/county-watch} reading its env file, from
 * another working folder, against a loopback feed; stopped with SIGTERM; the folder deleted.
 */
class PackagedServiceIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path folder;

    @AfterEach
    void deleteFolder() throws IOException {
        OperatorProcess.delete(folder);
        assertThat(folder).doesNotExist();
    }

    @Test
    void unpackedDistributionStartsWithItsScriptServesItemsAndStopsCleanly() throws Exception {
        folder = OperatorProcess.emptyFolder("dist-it-");
        untar(Path.of(System.getProperty("aggregator.dist")), folder);
        Path home;
        try (var unpacked = Files.list(folder)) {
            home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/county-watch")).isExecutable();
        assertThat(home.resolve("systemd/county-watch.service"))
                .content()
                .contains("User=county-watch", "/var/lib/county-watch");

        try (FixtureWeb site = FixtureWeb.start()) {
            site.serveResource("/feed.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
            // the shipped example, replaced by one loopback source; the script finds it next to itself
            Files.writeString(
                    home.resolve("config/sources.yml"), """
                    sources:
                      - id: yunxi
                        name: 云溪县人民政府
                        url: %s
                        type: feed
                    """.formatted(site.url("/feed.xml")), StandardCharsets.UTF_8);
            int port = freePort();
            Files.writeString(
                    home.resolve("conf/env"),
                    "SERVER_PORT=" + port + "\nAGGREGATOR_PG_SHARED_BUFFERS=128MB\n",
                    StandardCharsets.UTF_8);
            Path elsewhere = Files.createDirectory(folder.resolve("cwd"));

            try (OperatorProcess service = OperatorProcess.start(
                    List.of(home.resolve("bin/county-watch").toString()), elsewhere, Map.of(), folder)) {
                await().atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofMillis(500))
                        .failFast("the service ended", () -> !service.isAlive())
                        .until(() -> itemsAt(port).contains("云溪县召开2023年秋季森林防火工作部署会"));

                int status = service.stop(2);

                assertThat(status).as("exit status after SIGTERM").isIn(0, 143);
                assertThat(service.stderr() + service.stdout()).contains("stopped");
            }
            assertThat(RunningServer.dataDirOf(home.resolve("data/pg")).resolve("PG_VERSION"))
                    .as("the data dir defaults to data/pg in the unpacked folder, not the working folder")
                    .exists();
            assertThat(RunningServer.dataDirOf(home.resolve("data/pg")).resolve("postmaster.pid"))
                    .as("the embedded PostgreSQL stopped with the service")
                    .doesNotExist();
            assertThat(elsewhere).isEmptyDirectory();
        }
    }

    private String itemsAt(int port) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/items"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return ""; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void untar(Path tarball, Path into) throws Exception {
        assertThat(tarball).as("built by ./mvnw package").exists();
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).as("tar -xzf").isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.countywatch.aggregator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.AggregatorApplication;
import io.countywatch.aggregator.db.embedded.RunningServer;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OperatorProcess;
import io.countywatch.aggregator.support.ServiceApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar aggregator.jar --preview=ID} as an operator runs it (a process of its own): beside a service
 * running on the same data directory it reads that service's embedded PostgreSQL instead of starting a second one,
 * and waits for the source's site while a poll holds it; with no service it runs without a database and says so. Its standard output is the JSON alone.
 */
class PreviewBesideServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TITLE = "云溪县召开2023年秋季森林防火工作部署会";

    private static Path folder;
    private static Path sources;
    private static FixtureWeb site;

    @BeforeAll
    static void feedAndSourcesFile() throws IOException {
        folder = OperatorProcess.emptyFolder("preview-it-");
        site = FixtureWeb.start().serveResource("/feed.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        sources = Files.writeString(
                folder.resolve("sources.yml"), """
                sources:
                  - id: yunxi
                    name: 云溪县人民政府
                    url: %s
                    type: feed
                """.formatted(site.url("/feed.xml")), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        site.close();
        OperatorProcess.delete(folder);
    }

    @Test
    void readsTheRunningServicesDatabaseWaitsForItsSiteAndPrintsOnlyJson() throws Exception {
        Path dataDir = folder.resolve("shared-pg");
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(AggregatorApplication.class)
                .run(
                        "--server.port=0",
                        "--aggregator.sources=" + sources,
                        "--aggregator.db.embedded.data-dir=" + dataDir,
                        "--aggregator.db.embedded.shared-buffers=128MB",
                        "--aggregator.polling.tick=100ms")) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            var client = ServiceApi.client(port);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> ServiceApi.text(client, "/api/items").contains(TITLE));
            String serverPid = Files.readAllLines(
                            RunningServer.dataDirOf(dataDir).resolve("postmaster.pid"))
                    .get(0);

            OperatorProcess preview = preview(dataDir);
            int status = preview.waitFor(4);

            JsonNode json = JSON.readTree(preview.stdout()); // the whole of stdout parses: no log line in it
            assertThat(status).as("exit status; stderr:\n%s", preview.stderr()).isZero();
            assertThat(json.get("sourceId").asString()).isEqualTo("yunxi");
            assertThat(json.get("items")).hasSize(2);
            // the decisions come from the running service's database: the items it stored are "same"
            assertThat(json.get("decisions").findValuesAsString("decision")).containsOnly("same");
            assertThat(preview.stderr())
                    .contains("Reading the running service's embedded PostgreSQL")
                    .doesNotContain("Initialising PostgreSQL", "PostgreSQL is up", "in use by another");
            assertThat(Files.readAllLines(RunningServer.dataDirOf(dataDir).resolve("postmaster.pid"))
                            .get(0))
                    .as("the service's server still runs, and no other took the data directory")
                    .isEqualTo(serverPid);
            assertThat(ServiceApi.text(client, "/api/items")).contains(TITLE);

            // A poll (here a drill's hold) has the site: the preview waits for it rather than fetch beside it.
            List<Instant> requests = new CopyOnWriteArrayList<>();
            byte[] feed = FixtureWeb.resource("fixtures/feeds/rss2-guid.xml");
            site.route("/feed.xml", (request, response) -> {
                requests.add(Instant.now());
                return response.header("Content-Type", "application/rss+xml").sendByteArray(Mono.just(feed));
            });
            Instant heldUntil = service.getBean(DatabaseClient.class)
                    .sql("""
                            INSERT INTO host_lease AS h (politeness_key, lease_owner, lease_until)
                            SELECT politeness_key, 'drill', now() + interval '12 seconds' FROM source WHERE id = 'yunxi'
                            ON CONFLICT (politeness_key) DO UPDATE
                                SET lease_owner = 'drill', lease_until = EXCLUDED.lease_until
                            RETURNING lease_until""")
                    .map(row -> row.get("lease_until", OffsetDateTime.class).toInstant())
                    .one()
                    .block();

            OperatorProcess waiting = preview(dataDir);
            int waited = waiting.waitFor(4);

            assertThat(waited).as("exit status; stderr:\n%s", waiting.stderr()).isZero();
            assertThat(JSON.readTree(waiting.stdout()).get("items")).hasSize(2);
            assertThat(requests)
                    .as("the preview's requests")
                    .isNotEmpty()
                    .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(heldUntil.minusMillis(50)));
        } finally {
            site.serveResource("/feed.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        }
    }

    @Test
    void withNoServiceRunningPreviewsWithoutADatabaseAndSaysDecisionsAreSkipped() throws Exception {
        Path dataDir = folder.resolve("never-started-pg");

        OperatorProcess preview = preview(dataDir);
        int status = preview.waitFor(4);

        JsonNode json = JSON.readTree(preview.stdout());
        assertThat(status).as("exit status; stderr:\n%s", preview.stderr()).isZero();
        assertThat(json.get("items")).hasSize(2);
        assertThat(json.get("decisions")).isEmpty();
        assertThat(json.get("warnings").toString()).contains("dedupe decisions are skipped");
        assertThat(dataDir).as("no server was initialised or started").doesNotExist();
    }

    @Test
    void aPreviewThatFailsExitsWithStatusOneAndStillPrintsItsJson() throws Exception {
        site.route("/feed.xml", (request, response) -> response.status(503).send());
        try {
            OperatorProcess preview = preview(folder.resolve("never-started-pg"));
            int status = preview.waitFor(4);

            JsonNode json = JSON.readTree(preview.stdout());
            assertThat(json.get("error").asString()).contains("503");
            assertThat(status).as("exit status; stderr:\n%s", preview.stderr()).isEqualTo(1);
        } finally {
            site.serveResource("/feed.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        }
    }

    private OperatorProcess preview(Path dataDir) {
        return OperatorProcess.start(
                List.of(
                        OperatorProcess.java(),
                        "-jar",
                        System.getProperty("aggregator.jar"),
                        "--preview=yunxi",
                        "--aggregator.sources=" + sources,
                        "--aggregator.db.embedded.data-dir=" + dataDir),
                folder,
                Map.of(),
                folder);
    }
}

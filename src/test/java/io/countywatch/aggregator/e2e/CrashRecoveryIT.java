package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.embedded.RunningServer;
import io.countywatch.aggregator.support.ChildService;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OneFeedSource;
import io.countywatch.aggregator.support.ServiceApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * {@code kill -9} of the service leaves its embedded PostgreSQL running; the next start on the same data directory
 * recognises that server as its own, stops it, says so in one line, and comes up with the data intact.
 */
class CrashRecoveryIT {

    static final String FEED = "/yunxi/rss.xml";
    final Path work =
            Path.of("target", "crash-recovery-" + ProcessHandle.current().pid());
    final FixtureWeb web = FixtureWeb.start();

    final List<ChildService> children = new ArrayList<>();

    // Whatever failed, no service, no server and no files stay behind.
    @AfterEach
    void cleanUp() throws Exception {
        for (ChildService child : children) {
            child.close();
        }
        Path pidFile = RunningServer.dataDirOf(work.resolve("pg")).resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(orphan -> {
                orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                orphan.onExit().join();
            });
        }
        web.close();
        FileSystemUtils.deleteRecursively(work);
    }

    @Test
    void startsAgainAfterKill9OnTheSameDataDirectoryWithTheDataIntact() throws Exception {
        web.serveResource(FEED, "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        Path sources = OneFeedSource.write(work, "yunxi", web.url(FEED));
        String[] settings = {
            "--aggregator.db.url=",
            "--aggregator.db.embedded.data-dir=" + work.resolve("pg").toAbsolutePath(),
            "--aggregator.db.embedded.shared-buffers=128MB",
            "--aggregator.sources=" + sources.toAbsolutePath()
        };

        ChildService first = started(ChildService.start(work.resolve("first.log"), settings));
        await().atMost(Duration.ofSeconds(120)).until(() -> "UP".equals(first.health()));
        await().atMost(Duration.ofSeconds(60)).until(() -> titles(first.port()).size() == 2);
        first.killHard();
        assertThat(first.log()).contains("PostgreSQL is up at");

        ChildService second = started(ChildService.start(work.resolve("second.log"), settings));
        await().atMost(Duration.ofSeconds(120)).until(() -> "UP".equals(second.health()) || !second.alive());
        assertThat(second.alive()).as(second.log()).isTrue();
        assertThat(titles(second.port())).hasSize(2).doesNotHaveDuplicates();
        assertThat(second.log().lines().filter(line -> line.contains("left running in")))
                .singleElement()
                .asString()
                .contains("by an earlier run of this service");
    }

    ChildService started(ChildService child) {
        children.add(child);
        return child;
    }

    static List<Object> titles(int port) {
        return ServiceApi.items(ServiceApi.client(port), "?limit=10").stream()
                .map(item -> item.get("title"))
                .toList();
    }
}

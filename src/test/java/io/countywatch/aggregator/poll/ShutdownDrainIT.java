package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Shutdown drains the polls in flight: {@link PollScheduler#stop(Runnable)}, which Spring calls when the service
 * shuts down (SIGTERM, Ctrl-C), takes no new leases and reports itself stopped only once the running poll has
 * finished and recorded its outcome, so a stop in the middle of a poll loses neither the poll nor its lease time.
 * (Stopped directly, not by closing the context: that would dispose the Reactor Netty resources other tests in
 * this JVM share.)
 */
class ShutdownDrainIT {

    static final FixtureWeb web = FixtureWeb.start();
    static ConfigurableApplicationContext service;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        web.close();
    }

    @Test
    void aPollInFlightAtShutdownFinishesAndRecordsItsOutcomeBeforeThePollerReportsStopped() throws Exception {
        byte[] feed = FixtureWeb.resource("fixtures/feeds/rss2-guid.xml");
        Sinks.Empty<Void> answer = Sinks.empty();
        web.route(
                "/slow.xml",
                (request, response) -> answer.asMono()
                        .then(Mono.defer(() -> Mono.from(response.header("Content-Type", "application/rss+xml")
                                .sendByteArray(Mono.just(feed))))));
        Path sources = TempFolders.create("shutdown-drain-it").resolve("sources.yml");
        Files.writeString(sources, """
                defaults:
                  robots: false
                sources:
                  - id: slow
                    url: %s
                    type: feed
                    timeout: 60s
                """.formatted(web.url("/slow.xml")), StandardCharsets.UTF_8);
        service = TwoInstancesIT.start(TestDatabase.freshDatabase("shutdown_drain"), sources);
        await().atMost(Duration.ofSeconds(30)).until(() -> web.requests("/slow.xml") == 1);

        CountDownLatch stopped = new CountDownLatch(1);
        service.getBean(PollScheduler.class).stop(stopped::countDown);
        assertThat(stopped.getCount())
                .as("stopped while its poll was still waiting for the site")
                .isOne();

        answer.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> stopped.getCount() == 0);
        Map<String, Object> state = TwoInstancesIT.state(service, "slow");
        assertThat(state.get("lastSuccessAt")).as("the drained poll's outcome").isNotNull();
        assertThat(state.get("lastItemsFound")).isEqualTo(2);
        assertThat(web.requests("/slow.xml")).isEqualTo(1);
    }
}

package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.PgNotifications;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.support.LiveItems;
import io.countywatch.aggregator.support.SseRecorder;
import io.countywatch.aggregator.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code /stream} against the real database: events from the trigger, filters, replay, reset, heartbeat. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    LiveItems items;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "stream");
        registry.add("aggregator.polling.enabled", () -> "false");
        registry.add("aggregator.stream.heartbeat", () -> "300ms");
        registry.add("aggregator.stream.retry", () -> "2s");
        registry.add("aggregator.stream.replay-max-events", () -> "40");
        registry.add("aggregator.db.listen-retry", () -> "100ms");
    }

    @BeforeEach
    void sources() {
        items = new LiveItems(context)
                .source("anlu", "安陆市人民政府", "hubei", "xiaogan")
                .source("yunmeng", "云梦县人民政府", "hubei", "xiaogan")
                .source("liling", "醴陵市人民政府", "hunan");
    }

    SseRecorder connect(String query, Long lastEventId) {
        SseRecorder recorder = SseRecorder.open(port, "/stream" + query, lastEventId);
        await().atMost(WAIT).until(recorder::connected);
        return recorder;
    }

    long head() {
        return items.eventIdsAfter(0).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Test
    void sendsNewItemsAsItemEventsAndChangesAsUpdateEvents() {
        try (SseRecorder client = connect("", null)) {
            items.store("anlu", "http://127.0.0.1:9/anlu/a1.html", "安陆市召开秋冬季森林防火工作会议", "第一稿");
            await().atMost(WAIT).until(() -> client.named().size() == 1);
            items.store("anlu", "http://127.0.0.1:9/anlu/a1.html", "安陆市召开秋冬季森林防火工作会议", "第二稿，有改动");
            await().atMost(WAIT).until(() -> client.named().size() == 2);

            ServerSentEvent<String> created = client.named().get(0);
            ServerSentEvent<String> updated = client.named().get(1);
            assertThat(created.event()).isEqualTo("item");
            assertThat(created.data())
                    .contains("\"title\":\"安陆市召开秋冬季森林防火工作会议\"")
                    .contains("\"sourceName\":\"安陆市人民政府\"")
                    .contains("\"tags\":[\"hubei\",\"xiaogan\"]")
                    .contains("\"publishedAt\":\"2026-11-29T09:30:00+08:00\"");
            assertThat(updated.event()).isEqualTo("update");
            assertThat(updated.data()).contains("第二稿，有改动");
            assertThat(Long.parseLong(updated.id())).isGreaterThan(Long.parseLong(created.id()));
        }
    }

    @Test
    void sendsNoEventWhenAnItemIsStoredUnchanged() {
        try (SseRecorder client = connect("?source=liling", null)) {
            items.store("liling", "http://127.0.0.1:9/liling/same.html", "醴陵市陶瓷产业座谈会", "同一稿");
            StoreOutcome again = items.store("liling", "http://127.0.0.1:9/liling/same.html", "醴陵市陶瓷产业座谈会", "同一稿");
            items.store("liling", "醴陵市后续稿件");
            await().atMost(WAIT).until(() -> client.named().size() == 2);
            assertThat(again).isInstanceOf(StoreOutcome.Unchanged.class);
            assertThat(client.named()).extracting(ServerSentEvent::event).containsExactly("item", "item");
        }
    }

    @Test
    void filtersByTagSourceAndKeywordCombined() {
        try (SseRecorder byTag = connect("?tag=xiaogan", null);
                SseRecorder bySource = connect("?source=liling", null);
                SseRecorder byKeyword = connect("?q=" + "防汛", null);
                SseRecorder combined = connect("?tag=xiaogan&source=yunmeng&q=防汛", null);
                SseRecorder all = connect("", null)) {
            items.store("anlu", "安陆市防汛抗旱指挥部会议");
            items.store("yunmeng", "云梦县防汛物资检查");
            items.store("yunmeng", "云梦县招商推介会");
            items.store("liling", "醴陵市防汛应急演练");
            await().atMost(WAIT).until(() -> all.named().size() == 4);
            await().atMost(WAIT)
                    .until(() -> byTag.named().size() == 3 && byKeyword.named().size() == 3);

            assertThat(titles(byTag)).containsExactly("安陆市防汛抗旱指挥部会议", "云梦县防汛物资检查", "云梦县招商推介会");
            assertThat(titles(bySource)).containsExactly("醴陵市防汛应急演练");
            assertThat(titles(byKeyword)).containsExactly("安陆市防汛抗旱指挥部会议", "云梦县防汛物资检查", "醴陵市防汛应急演练");
            assertThat(titles(combined)).containsExactly("云梦县防汛物资检查");
        }
    }

    static List<String> titles(SseRecorder recorder) {
        return recorder.named().stream()
                .map(e -> e.data().replaceAll(".*\"title\":\"([^\"]*)\".*", "$1"))
                .toList();
    }

    @Test
    void replaysEventsAfterLastEventIdThenContinuesLive() {
        long start = head();
        for (int i = 1; i <= 5; i++) {
            items.store("anlu", "安陆市重播测试稿件" + i);
        }
        List<Long> written = items.eventIdsAfter(start);
        long lastSeen = written.get(1);
        try (SseRecorder client = connect("?source=anlu", lastSeen)) {
            items.store("anlu", "安陆市重播之后的新稿件");
            await().atMost(WAIT).until(() -> client.named().size() == 4);
            assertThat(titles(client)).containsExactly("安陆市重播测试稿件3", "安陆市重播测试稿件4", "安陆市重播测试稿件5", "安陆市重播之后的新稿件");
            assertThat(client.ids()).isSorted().doesNotHaveDuplicates().allMatch(id -> id > lastSeen);
        }
    }

    @Test
    void replayMeetsLiveWithNoGapAndNoDuplicateWhileItemsKeepComing() {
        long start = head();
        items.store("yunmeng", "云梦县接缝测试起点");
        long lastSeen = head();
        // writes go on while the client connects, replays and turns live
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 30; i++) {
                items.store("yunmeng", "云梦县接缝测试" + i);
            }
        });
        try (SseRecorder client = SseRecorder.open(port, "/stream?source=yunmeng", lastSeen)) {
            writer.join();
            await().atMost(WAIT).until(() -> client.named().size() >= 30);
            assertThat(client.ids()).containsExactlyElementsOf(items.eventIdsAfter(lastSeen));
            assertThat(start).isLessThan(lastSeen);
        }
    }

    @Test
    void sendsOneResetBeyondTheReplayWindow() {
        items.store("liling", "醴陵市窗口测试起点");
        long lastSeen = head();
        items.storeMany("liling", 45, 10);
        try (SseRecorder client = connect("", lastSeen)) {
            items.store("liling", "醴陵市重置之后的新稿件");
            await().atMost(WAIT).until(() -> client.named().size() == 2);
            assertThat(client.named()).extracting(ServerSentEvent::event).containsExactly("reset", "item");
            assertThat(client.named().get(1).data()).contains("醴陵市重置之后的新稿件");
        }
    }

    @Test
    void sendsResetWhenTheMissedEventsAreOlderThanTheWindow() {
        items.store("liling", "醴陵市旧事件起点");
        long lastSeen = head();
        items.store("liling", "醴陵市旧事件");
        items.db()
                .sql("UPDATE item_event SET created_at = now() - interval '3 days' WHERE id > :id")
                .bind("id", lastSeen)
                .then()
                .block(WAIT);
        try (SseRecorder client = connect("", lastSeen)) {
            await().atMost(WAIT).until(() -> client.named().size() == 1);
            assertThat(client.named().get(0).event()).isEqualTo("reset");
            assertThat(Long.parseLong(client.named().get(0).id())).isEqualTo(head());
        }
    }

    @Test
    void sendsRetryHintAndHeartbeatComments() {
        try (SseRecorder client = connect("?source=nobody", null)) {
            await().atMost(WAIT)
                    .until(() -> client.events.stream()
                                    .filter(e ->
                                            e.comment() != null && e.comment().contains("heartbeat"))
                                    .count()
                            >= 2);
            assertThat(client.events).anySatisfy(e -> assertThat(e.retry()).isEqualTo(Duration.ofSeconds(2)));
        }
    }

    @Test
    void keepsDeliveringAfterTheListenConnectionIsKilled() {
        try (SseRecorder client = connect("?source=yunmeng", null)) {
            Long killed = items.db()
                    .sql("""
                    SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = :listener""")
                    .bind("listener", PgNotifications.APPLICATION_NAME)
                    .map(row -> row.get("n", Long.class))
                    .one()
                    .block(WAIT);
            assertThat(killed).isEqualTo(1L);
            // the listener reconnects and catches up: items written while it was away arrive too
            items.store("yunmeng", "云梦县断线期间的稿件");
            await().atMost(WAIT).until(() -> client.named().size() == 1);
            items.store("yunmeng", "云梦县重连之后的稿件");
            await().atMost(WAIT).until(() -> client.named().size() == 2);
            assertThat(titles(client)).containsExactly("云梦县断线期间的稿件", "云梦县重连之后的稿件");
        }
    }

    @Test
    void rejectsALastEventIdThatIsNotANumber() {
        org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/stream")
                .header("Last-Event-ID", "abc")
                .exchangeToMono(
                        r -> reactor.core.publisher.Mono.just(r.statusCode().value()))
                .as(reactor.test.StepVerifier::create)
                .expectNext(400)
                .verifyComplete();
    }
}

package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.store.items.ItemEventRepository;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the stream does on its own clock, in virtual time (Reactor's {@link VirtualTimeScheduler}): an idle stream
 * gets a heartbeat comment every 15 s, and the event log is pruned of what is past twice the replay window, once
 * an hour (a 24th of the window). The database is real; only the timers are virtual.
 */
class StreamClockIT {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration REPLAY_MAX_AGE = Duration.ofHours(24);
    static final StreamProperties PROPERTIES =
            new StreamProperties(HEARTBEAT, Duration.ofSeconds(5), 1024, 10_000, REPLAY_MAX_AGE);

    static StoreDatabase database;
    static ItemEventRepository events;
    LiveEvents live;

    @BeforeAll
    static void start() {
        database = StoreDatabase.create("stream_clock", 4);
        database.sources("xiaochang");
        events = new ItemEventRepository(database.db(), ReadDatabase.primary(database.db()));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @AfterEach
    void stopLiveEvents() {
        if (live != null) {
            live.stop();
        }
        VirtualTimeScheduler.reset();
    }

    LiveEvents liveEvents() {
        return new LiveEvents(
                // the LISTEN ping far beyond any virtual time the tests advance, so it never fires meanwhile
                database.itemEventListener(Duration.ofDays(365)),
                events,
                PROPERTIES,
                Clock.systemUTC(),
                JsonMapper.builder().build());
    }

    @Test
    void anIdleStreamGetsAHeartbeatCommentEvery15Seconds() {
        ClientStreams streams = new ClientStreams(liveEvents(), events, PROPERTIES, Clock.systemUTC());

        StepVerifier.withVirtualTime(() -> streams.open(new EventFilter(null, null, null), null, Runnable::run)
                        .map(StreamClockIT::text))
                .expectNextMatches(frame -> frame.startsWith("retry:"))
                .expectNoEvent(HEARTBEAT.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(":heartbeat\n\n")
                .expectNoEvent(HEARTBEAT.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(":heartbeat\n\n")
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void theEventLogIsPrunedHourlyOfEventsOlderThanTwiceTheReplayWindow() {
        for (String page : List.of("old", "recent", "new")) {
            database.db()
                    .sql("""
                            INSERT INTO item (source_id, url, title, published_at, date_origin, fetched_at, updated_at,
                                              content_hash)
                            VALUES ('xiaochang', :url, '孝昌县召开防汛工作会议', now(), 'source', now(), now(), 'h')""")
                    .bind("url", "http://127.0.0.1/" + page + ".html")
                    .fetch()
                    .rowsUpdated()
                    .block(Duration.ofSeconds(30));
        }
        age("old", "49 hours");
        age("recent", "47 hours");

        VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
        live = liveEvents();
        live.start();
        clock.advanceTimeBy(REPLAY_MAX_AGE.dividedBy(24));

        await().atMost(Duration.ofSeconds(30)).until(() -> eventUrls().size() == 2);
        assertThat(eventUrls()).containsExactly("http://127.0.0.1/recent.html", "http://127.0.0.1/new.html");
    }

    private static void age(String page, String age) {
        database.db()
                .sql("""
                        UPDATE item_event SET created_at = now() - CAST(:age AS interval)
                        WHERE item_seq = (SELECT seq FROM item WHERE url = :url)""")
                .bind("age", age)
                .bind("url", "http://127.0.0.1/" + page + ".html")
                .fetch()
                .rowsUpdated()
                .block(Duration.ofSeconds(30));
    }

    private static List<String> eventUrls() {
        return database.db()
                .sql("SELECT i.url FROM item_event e JOIN item i ON i.seq = e.item_seq ORDER BY e.id")
                .map(row -> row.get("url", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    private static String text(Outgoing outgoing) {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer part : outgoing.parts()) {
            text.append(StandardCharsets.UTF_8.decode(part.duplicate()));
        }
        return text.toString();
    }
}

package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.LiveItems;
import io.countywatch.aggregator.support.ServiceInstance;
import io.countywatch.aggregator.support.SseRecorder;
import io.countywatch.aggregator.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances on one database: what one stores reaches the stream clients of the other, through NOTIFY. */
class FanOutIT {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        String url = TestDatabase.freshDatabase("fan_out");
        first = start(url);
        second = start(url);
    }

    static ConfigurableApplicationContext start(String url) {
        return ServiceInstance.start(url, "--aggregator.polling.enabled=false");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void itemStoredThroughOneInstanceReachesClientsOfBoth() {
        LiveItems viaFirst = new LiveItems(first).source("hanchuan", "汉川市人民政府", "hubei");
        LiveItems viaSecond = new LiveItems(second);
        try (SseRecorder onFirst = SseRecorder.open(port(first), "/stream", null);
                SseRecorder onSecond = SseRecorder.open(port(second), "/stream?tag=hubei", null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> onFirst.connected() && onSecond.connected());

            viaFirst.store("hanchuan", "汉川市召开全市经济工作会议");
            viaSecond.store("hanchuan", "汉川市开展冬季安全生产大检查");

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> onFirst.named().size() == 2 && onSecond.named().size() == 2);
            assertThat(StreamIT.titles(onSecond)).containsExactly("汉川市召开全市经济工作会议", "汉川市开展冬季安全生产大检查");
            assertThat(onSecond.ids()).isEqualTo(onFirst.ids());
        }
    }

    @Test
    void clientMovingToAnotherInstanceResumesWithItsLastEventId() {
        LiveItems items = new LiveItems(first).source("hanchuan", "汉川市人民政府", "hubei");
        long lastSeen;
        try (SseRecorder onFirst = SseRecorder.open(port(first), "/stream?source=hanchuan&q=迁移", null)) {
            await().atMost(Duration.ofSeconds(20)).until(onFirst::connected);
            items.store("hanchuan", "汉川市迁移测试一");
            await().atMost(Duration.ofSeconds(20)).until(() -> onFirst.named().size() == 1);
            lastSeen = onFirst.ids().get(0);
        }
        // written while the client is between instances
        items.store("hanchuan", "汉川市迁移测试二");
        try (SseRecorder onSecond = SseRecorder.open(port(second), "/stream?source=hanchuan&q=迁移", lastSeen)) {
            await().atMost(Duration.ofSeconds(20)).until(onSecond::connected);
            items.store("hanchuan", "汉川市迁移测试三");
            await().atMost(Duration.ofSeconds(20)).until(() -> onSecond.named().size() == 2);
            assertThat(StreamIT.titles(onSecond)).containsExactly("汉川市迁移测试二", "汉川市迁移测试三");
        }
    }
}

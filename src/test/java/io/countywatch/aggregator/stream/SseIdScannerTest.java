package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's reader must count exactly the events that arrived, wherever the network cut the bytes. */
class SseIdScannerTest {

    static final String STREAM = "retry:5000\n:connected\n\n"
            + "id:41\nevent:item\ndata:{\"title\":\"云梦县 id:7 通知\",\"summary\":\"\\nid:8\"}\n\n"
            + ":heartbeat\n\n"
            + "id:42\nevent:update\ndata:{\"title\":\"安陆市\"}\n\n";

    @ParameterizedTest(name = "cut every {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
    void findsEveryIdLineAndTheGreetingHoweverTheBytesAreCut(int cut) {
        List<Long> ids = new ArrayList<>();
        AtomicInteger connected = new AtomicInteger();
        SseIdScanner scanner = new SseIdScanner(ids::add, connected::incrementAndGet);
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);

        for (int from = 0; from < bytes.length; from += cut) {
            scanner.scan(Unpooled.wrappedBuffer(bytes, from, Math.min(cut, bytes.length - from)));
        }

        assertThat(ids).containsExactly(41L, 42L);
        assertThat(connected).hasValue(1);
    }
}

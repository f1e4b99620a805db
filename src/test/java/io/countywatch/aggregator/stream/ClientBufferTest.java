package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.ItemView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ClientBufferTest {

    static final EventFilter EVERYTHING = new EventFilter(null, null, null);

    final List<Outgoing> writes = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> overflowed = new AtomicReference<>();

    static StreamEvent event(long id, String tag) {
        ItemView item = new ItemView(
                String.valueOf(id),
                "孝感市第" + id + "号通知",
                "http://127.0.0.1:9/" + id + ".html",
                "xiaogan",
                "孝感市人民政府",
                null,
                null,
                null,
                "摘要",
                null,
                List.of(tag),
                List.of(),
                null);
        return new StreamEvent(
                id, item, SseFrames.event("item", id, "{\"id\":\"" + id + "\",\"title\":\"孝感市第" + id + "号通知\"}"));
    }

    static LiveBatch batch(long... ids) {
        return new LiveBatch(LongStream.of(ids)
                .mapToObj(id -> event(id, id % 2 == 0 ? "hubei" : "hunan"))
                .toList());
    }

    ClientBuffer open(int capacity, EventFilter filter, long seam) {
        ClientBuffer buffer = new ClientBuffer(capacity, filter);
        buffer.<Void>overflow().subscribe(v -> {}, overflowed::set);
        buffer.drain(() -> seam).subscribe(writes::add);
        return buffer;
    }

    /** The events of one write as a browser would split them: id, event name and data of each. */
    static List<String> parse(Outgoing write) {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer part : write.parts()) {
            byte[] bytes = new byte[part.remaining()];
            part.duplicate().get(bytes);
            text.append(new String(bytes, StandardCharsets.UTF_8));
        }
        assertThat(text.toString()).endsWith("\n\n");
        return Arrays.stream(text.toString().split("\n\n")).toList();
    }

    static List<Long> ids(Outgoing write) {
        List<Long> ids = new ArrayList<>();
        for (String frame : parse(write)) {
            List<String> lines = frame.lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).isEqualTo("event:item");
            long id = Long.parseLong(lines.get(0).substring("id:".length()));
            assertThat(lines.get(2)).isEqualTo("data:{\"id\":\"" + id + "\",\"title\":\"孝感市第" + id + "号通知\"}");
            ids.add(id);
        }
        return ids;
    }

    @Test
    void coalescesWhatArrivesWhileAWriteIsInFlightIntoOneWriteOfSeparateEvents() {
        ClientBuffer buffer = open(1024, EVERYTHING, 0);
        buffer.offer(batch(1, 2));
        buffer.offer(batch(3));
        buffer.offer(batch(4, 5));
        assertThat(writes).hasSize(1);
        assertThat(ids(writes.get(0))).containsExactly(1L, 2L);

        writes.get(0).written().run();

        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).parts()).hasSize(2);
        assertThat(ids(writes.get(1))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void sendsEachEventAfterTheSeamExactlyOnce() {
        ClientBuffer buffer = new ClientBuffer(1024, EVERYTHING);
        // live events queue up while the backlog (up to id 6) is read; the seam cuts through the first batch
        buffer.offer(batch(4, 5, 6, 7));
        buffer.offer(batch(8));
        buffer.drain(() -> 6).subscribe(writes::add);
        buffer.offer(batch(9));
        writes.get(0).written().run();

        assertThat(writes.stream().flatMap(write -> ids(write).stream())).containsExactly(7L, 8L, 9L);
    }

    @Test
    void givesEachClientOnlyTheEventsMatchingItsFilter() {
        ClientBuffer buffer = open(1024, new EventFilter(null, "hubei", null), 0);
        buffer.offer(batch(1, 2, 3, 4));
        buffer.offer(batch(5));

        assertThat(writes).hasSize(1);
        assertThat(ids(writes.get(0))).containsExactly(2L, 4L);
    }

    @Test
    void clientsWithTheSameFilterShareOneJoinOfABatch() {
        LiveBatch batch = batch(1, 2, 3);

        Frames first = batch.framesFor(new EventFilter(null, "hubei", null));
        Frames second = batch.framesFor(new EventFilter(null, "hubei", null));

        assertThat(second).isSameAs(first);
        assertThat(batch.framesFor(EVERYTHING).count()).isEqualTo(3);
        assertThat(batch.framesFor(new EventFilter("anlu", null, null)).isEmpty())
                .isTrue();
    }

    @Test
    void endsAClientWhoseSocketHasNotTakenMoreThanItsCapacity() {
        ClientBuffer buffer = open(4, EVERYTHING, 0);
        buffer.offer(batch(1, 2, 3)); // in flight, never taken by the socket
        buffer.offer(batch(4));
        assertThat(overflowed.get()).isNull();

        buffer.offer(batch(5));

        assertThat(overflowed.get()).isInstanceOf(SlowClientException.class).hasMessageContaining("event 5");
    }

    @Test
    void freesCapacityOnceTheSocketTookAWrite() {
        ClientBuffer buffer = open(4, EVERYTHING, 0);
        buffer.offer(batch(1, 2, 3));
        writes.get(0).written().run();

        buffer.offer(batch(4, 5, 6));
        buffer.offer(batch(7));

        assertThat(overflowed.get()).isNull();
        assertThat(writes).hasSize(2);
        assertThat(ids(writes.get(1))).containsExactly(4L, 5L, 6L);
    }
}

package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

class SocketWritesTest {

    final AtomicInteger written = new AtomicInteger();

    Outgoing twoParts() {
        ByteBuffer shared = ByteBuffer.allocateDirect(16)
                .put("id:1\n\n".getBytes(StandardCharsets.UTF_8))
                .flip();
        return new Outgoing(
                List.of(shared.asReadOnlyBuffer(), ByteBuffer.wrap("id:2\n\n".getBytes(StandardCharsets.UTF_8))),
                written::incrementAndGet);
    }

    @Test
    void onNettyReportsTheWriteOnceWhenTheBufferIsReleased() {
        DataBuffer buffer =
                SocketWrites.toBuffer(twoParts(), new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT));

        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("id:1\n\nid:2\n\n");
        assertThat(written).hasValue(0);
        DataBufferUtils.release(buffer);
        assertThat(written).hasValue(1);
    }

    @Test
    void leavesTheSharedFramesUntouchedForTheNextClient() {
        Outgoing outgoing = twoParts();
        DataBuffer first =
                SocketWrites.toBuffer(outgoing, new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT));
        first.read(new byte[first.readableByteCount()]);
        DataBufferUtils.release(first);

        assertThat(outgoing.parts().get(0).remaining()).isEqualTo(6);
    }

    @Test
    void onOtherServersCountsTheWriteAsTakenWhenHandedOver() {
        DataBuffer buffer = SocketWrites.toBuffer(twoParts(), DefaultDataBufferFactory.sharedInstance);

        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("id:1\n\nid:2\n\n");
        assertThat(written).hasValue(1);
    }
}

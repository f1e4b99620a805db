package io.countywatch.aggregator.stream;

import io.netty.buffer.ByteBuf;
import java.util.function.LongConsumer;

/**
 * The load generator's SSE reader: finds {@code id:} lines and the {@code :connected} comment in raw bytes, chunk
 * by chunk (a line may be cut anywhere), without decoding text. Five thousand clients reading five million events
 * share the cores with the service, so the benchmark's own reading must cost as little as possible.
 */
final class SseIdScanner {

    private enum State {
        LINE_START,
        I,
        ID,
        DIGITS,
        COMMENT,
        SKIP
    }

    private final LongConsumer onId;
    private final Runnable onConnected;
    private State state = State.LINE_START;
    private long value;

    SseIdScanner(LongConsumer onId, Runnable onConnected) {
        this.onId = onId;
        this.onConnected = onConnected;
    }

    void scan(ByteBuf chunk) {
        int i = chunk.readerIndex();
        int end = chunk.writerIndex();
        while (i < end) {
            if (state == State.SKIP) {
                // the data lines are most of the bytes: jump over them to the next line
                int lf = chunk.indexOf(i, end, (byte) '\n');
                if (lf < 0) {
                    return;
                }
                state = State.LINE_START;
                i = lf + 1;
                continue;
            }
            step(chunk.getByte(i++));
        }
    }

    private void step(byte b) {
        state = switch (state) {
            case LINE_START -> b == 'i' ? State.I : b == ':' ? State.COMMENT : lineEnd(b);
            case I -> b == 'd' ? State.ID : lineEnd(b);
            case ID -> {
                value = 0;
                yield b == ':' ? State.DIGITS : lineEnd(b);
            }
            case DIGITS -> {
                if (b >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                    yield State.DIGITS;
                }
                if (b == '\n') {
                    onId.accept(value);
                }
                yield lineEnd(b);
            }
            case COMMENT -> {
                if (b == 'c') { // ":connected"; the only other comment is ":heartbeat"
                    onConnected.run();
                }
                yield lineEnd(b);
            }
            case SKIP -> lineEnd(b);
        };
    }

    private static State lineEnd(byte b) {
        return b == '\n' ? State.LINE_START : State.SKIP;
    }
}

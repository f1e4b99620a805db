package io.countywatch.aggregator.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Server-sent event frames as bytes. A live event's frame is written once and the same bytes go to every
 * client, which is what lets one instance feed thousands of streams.
 */
final class SseFrames {

    private SseFrames() {}

    /** An event; {@code json} is one line (the JSON writer never breaks lines). */
    static byte[] event(String name, long id, String json) {
        return ("id:" + id + "\nevent:" + name + "\ndata:" + json.replace("\n", "\ndata:") + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line, which EventSource ignores; keeps proxies from closing an idle stream. */
    static byte[] comment(String text) {
        return (":" + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The first frame of every stream: the reconnect delay the client should use. */
    static byte[] hello(Duration retry) {
        return ("retry:" + retry.toMillis() + "\n:connected\n\n").getBytes(StandardCharsets.UTF_8);
    }
}

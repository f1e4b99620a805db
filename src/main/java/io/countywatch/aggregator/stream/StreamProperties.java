package io.countywatch.aggregator.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code /stream} behaves.
 *
 * @param heartbeat how often an idle stream gets a comment line, so proxies and browsers keep it open
 * @param retry the reconnect delay suggested to clients ({@code retry:})
 * @param clientBuffer live events of one client that its socket has not taken yet (waiting, or in the one write
 *     in flight); one more and its stream ends (it resumes with Last-Event-ID), so a stalled client costs bounded
 *     memory and never slows the others; at least twice the 100 events the live reader hands out at once
 * @param replayMaxEvents a client that missed more events than this gets a {@code reset} event instead
 * @param replayMaxAge likewise for a client whose first missed event is older than this; the log is pruned
 *     past twice this age
 */
@ConfigurationProperties("aggregator.stream")
record StreamProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("5s") Duration retry,
        @DefaultValue("1024") int clientBuffer,
        @DefaultValue("10000") long replayMaxEvents,
        @DefaultValue("24h") Duration replayMaxAge) {

    public StreamProperties {
        if (clientBuffer < 2 * LiveEvents.BATCH) {
            throw new IllegalArgumentException("aggregator.stream.client-buffer must be at least "
                    + 2 * LiveEvents.BATCH + " (two batches of live events), got " + clientBuffer);
        }
    }
}

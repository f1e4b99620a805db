package io.countywatch.aggregator.db;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a failure once, then counts its repeats and logs one line with the count per interval, instead of a line (or a
 * stack trace) per request: during a database outage every request fails the same way, at whatever rate clients
 * send them. Identical means same message and same kind of failure.
 */
public final class RepeatedErrorLog {

    private static final int MAX_KINDS = 1000;

    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RepeatedErrorLog(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Logs {@code message} with {@code failure}'s type and text as a WARN line, unless the same was logged less than
     * an interval ago; then it is only counted, and the count goes out with the next line after the interval.
     */
    public void warn(String message, Throwable failure) {
        String text = describe(failure);
        long now = clock.millis();
        long[] repeatsBefore = {-1}; // -1: counted, nothing to log
        if (windows.size() > MAX_KINDS) {
            windows.clear(); // failure texts may carry varying details; the map must stay bounded
        }
        windows.compute(message + " | " + text, (key, window) -> {
            if (window == null || now - window.startedMillis() >= interval.toMillis()) {
                repeatsBefore[0] = window == null ? 0 : window.repeats();
                return new Window(now, 0);
            }
            return new Window(window.startedMillis(), window.repeats() + 1);
        });
        if (repeatsBefore[0] == 0) {
            log.warn("{}: {}", message, text);
        } else if (repeatsBefore[0] > 0) {
            log.warn(
                    "{}: {} (and {} more times in the {} s before)",
                    message,
                    text,
                    repeatsBefore[0],
                    interval.toSeconds());
        }
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure == root ? failure.toString() : failure + " (cause: " + root + ")";
    }

    private record Window(long startedMillis, long repeats) {}
}

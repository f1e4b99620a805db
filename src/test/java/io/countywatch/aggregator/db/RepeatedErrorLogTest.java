package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line per kind of failure per interval, the repeats counted into the next line. */
class RepeatedErrorLogTest {

    final AtomicLong millis = new AtomicLong();
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    final Logger logger = (Logger) LoggerFactory.getLogger("repeated-error-log-test");
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final RepeatedErrorLog log = new RepeatedErrorLog(logger, Duration.ofMinutes(1), clock);

    RepeatedErrorLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @Test
    void logsTheFirstThenCountsRepeatsIntoOneLinePerInterval() {
        for (int i = 0; i < 100; i++) {
            log.warn("database unreachable", new ConnectException("Connection refused"));
        }
        assertThat(lines.list)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("database unreachable: java.net.ConnectException: Connection refused");

        millis.addAndGet(Duration.ofMinutes(1).toMillis());
        log.warn("database unreachable", new ConnectException("Connection refused"));

        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage()).endsWith("(and 99 more times in the 60 s before)");
    }

    @Test
    void aDifferentFailureIsLoggedAtOnce() {
        log.warn("database unreachable", new ConnectException("Connection refused"));
        log.warn("database unreachable", new IllegalStateException("pool closed"));

        assertThat(lines.list).hasSize(2);
    }
}

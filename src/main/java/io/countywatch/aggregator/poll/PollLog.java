package io.countywatch.aggregator.poll;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line per poll: {@code source=<id> outcome=<word> duration=<ms>ms} and what the outcome adds. Failures
 * are warnings, polls that stored something info, and "not modified" debug: at 30,000 sources those are most polls,
 * and the scheduler's progress line counts them.
 */
final class PollLog {

    private static final Logger log = LoggerFactory.getLogger("io.countywatch.aggregator.poll");

    private PollLog() {}

    static void write(PollOutcome outcome, int millis) {
        String word = PollMetrics.name(outcome);
        if (outcome instanceof PollOutcome.Succeeded done) {
            log.info(
                    "source={} outcome={} duration={}ms items={} new={} updated={} duplicates={}",
                    done.sourceId(),
                    word,
                    millis,
                    done.found(),
                    done.inserted(),
                    done.updated(),
                    done.merged());
        } else if (outcome instanceof PollOutcome.Failed failed) {
            log.warn(
                    "source={} outcome={} duration={}ms failures={} dead={} next={} error={}",
                    failed.sourceId(),
                    word,
                    millis,
                    failed.failures(),
                    failed.dead(),
                    failed.next(),
                    failed.reason());
        } else if (outcome instanceof PollOutcome.NotModified) {
            log.debug("source={} outcome={} duration={}ms", outcome.sourceId(), word, millis);
        } else {
            log.info("source={} outcome={} duration={}ms", outcome.sourceId(), word, millis);
        }
    }
}

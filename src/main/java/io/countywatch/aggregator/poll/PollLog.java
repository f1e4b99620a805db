package io.countywatch.aggregator.poll;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line per poll: {@code source=<id> outcome=<word> duration=<ms>ms} and what the outcome adds. Failures
 * are warnings, the rest info, so that a quiet log means healthy sources.
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
        } else {
            log.info("source={} outcome={} duration={}ms", outcome.sourceId(), word, millis);
        }
    }
}

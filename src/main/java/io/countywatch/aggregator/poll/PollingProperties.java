package io.countywatch.aggregator.poll;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scheduler runs.
 *
 * @param enabled false stops all polling (the API and feeds still serve stored items)
 * @param tick how often the database is asked for due sources
 * @param concurrency how many sites (politeness keys: registrable domains) this instance polls at once; 0, the
 *     default, follows the work: every site with due sources, up to {@code aggregator.fetch.global-concurrency}
 * @param deadAfter a source failing without a break for this long is marked dead
 * @param deadRetry how often a dead source is tried again (it comes back by itself on success)
 * @param adaptive false keeps every source at its configured interval
 * @param lease how long a leased site or source stays with this instance unless renewed; the instance renews all of
 *     its leases every third of this time, so a crashed instance's sites are taken by others within one lease time
 */
@ConfigurationProperties("aggregator.polling")
record PollingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("0") int concurrency,
        @DefaultValue("48h") Duration deadAfter,
        @DefaultValue("12h") Duration deadRetry,
        @DefaultValue("true") boolean adaptive,
        @DefaultValue("1m") Duration lease) {}

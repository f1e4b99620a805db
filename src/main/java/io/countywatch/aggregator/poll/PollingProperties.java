package io.countywatch.aggregator.poll;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scheduler runs.
 *
 * @param enabled false stops all polling (the API and feeds still serve stored items)
 * @param tick how often the database is asked for due sources
 * @param concurrency how many sources this instance polls at once
 * @param deadAfter a source failing without a break for this long is marked dead
 * @param deadRetry how often a dead source is tried again (it comes back by itself on success)
 * @param adaptive false keeps every source at its configured interval
 * @param lease how long a leased source stays with this instance unless renewed; a running poll renews it every
 *     third of this time, so a crashed instance's sources are taken by others within one lease time
 */
@ConfigurationProperties("aggregator.polling")
public record PollingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("8") int concurrency,
        @DefaultValue("48h") Duration deadAfter,
        @DefaultValue("12h") Duration deadRetry,
        @DefaultValue("true") boolean adaptive,
        @DefaultValue("1m") Duration lease) {}

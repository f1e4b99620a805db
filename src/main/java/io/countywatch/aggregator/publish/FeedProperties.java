package io.countywatch.aggregator.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How feeds and {@code /api/items} are cached ({@code aggregator.feeds.*}).
 *
 * @param maxAge the {@code Cache-Control: max-age} readers and proxies get; they revalidate with a conditional GET
 *     after it
 * @param cacheSize how many bytes of rendered feeds (by scope, format and query) this instance keeps
 * @param versionRefresh how often the feed versions are re-read even without a change notification: the safety
 *     net for a lost LISTEN connection, not the way changes normally arrive
 */
@ConfigurationProperties("aggregator.feeds")
record FeedProperties(
        @DefaultValue("60s") Duration maxAge,
        @DefaultValue("64MB") DataSize cacheSize,
        @DefaultValue("5s") Duration versionRefresh) {}

package io.countywatch.aggregator.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * One validated source from {@code sources.yml}, with every setting resolved: the source's own value, else
 * the one under {@code defaults:}, else the built-in default listed here.
 *
 * <p>Built-in defaults: {@code name} = id, no tags, {@code interval} 15 min, {@code timezone} Asia/Shanghai,
 * {@code charset} "auto", the {@link #DEFAULT_USER_AGENT}, {@code timeout} 20 s, {@code pages} 1, {@code
 * robots} true; the politeness keys default to the application properties (see {@link SourcePoliteness}). The
 * adaptive poller's bounds default to {@code min-interval} = interval / 4, but at least 1 min (so a busy site is never
 * hammered) and never above the interval; {@code max-interval} = interval × 8, but at most 24 h (so a quiet source is
 * still seen daily) and never below the interval. A default bound also yields to an explicit other bound, so setting
 * only {@code max-interval: 2m} still works.
 *
 * @param charset "auto" (detect) or a charset name exactly as written in the file, e.g. "gbk"
 * @param list the list-page selectors, or {@code null} for a feed or an automatically extracted page
 * @param next selector of the next-page link, or {@code null}
 * @param detail the detail-page selectors, or {@code null} when item pages are not fetched
 * @param include regular expressions (RE2 syntax); a title must match one, unless the list is empty
 * @param exclude regular expressions (RE2 syntax); a title matching any is dropped
 * @param keepParams query parameters that URL canonicalization must keep
 * @param recheck how long after an item is first stored its page is read again for edits ({@code recheck: 24h});
 *     {@code null} when the source does not ask for it
 * @param politeness the per-host and per-domain limits this source asks for; a field not given in the file is
 *     {@code null}, and then the application property ({@code aggregator.fetch.*}) applies
 */
public record SourceDefinition(
        String id,
        String name,
        URI url,
        SourceType type,
        List<String> tags,
        Duration interval,
        ZoneId timezone,
        String charset,
        String userAgent,
        Duration timeout,
        ListSelectors list,
        String next,
        int pages,
        DetailSelectors detail,
        List<String> include,
        List<String> exclude,
        List<String> keepParams,
        Duration minInterval,
        Duration maxInterval,
        boolean robots,
        Duration recheck,
        SourcePoliteness politeness) {

    public static final String DEFAULT_USER_AGENT =
            "CountyWatchAggregator/0.1 (+https://github.com/countywatch/aggregator)";

    public SourceDefinition {
        tags = List.copyOf(tags);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        keepParams = List.copyOf(keepParams);
        politeness = politeness == null ? SourcePoliteness.INHERITED : politeness;
    }
}

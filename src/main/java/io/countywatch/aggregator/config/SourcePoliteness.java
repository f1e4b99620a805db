package io.countywatch.aggregator.config;

import java.time.Duration;

/**
 * A source's politeness keys ({@code host-concurrency}, {@code host-spacing}, {@code domain-concurrency}, {@code
 * domain-spacing}) as resolved from the source and {@code defaults:}. A {@code null} field was given in neither, so
 * the application property ({@code aggregator.fetch.*}) or its built-in default applies: the sources file does not
 * know those, and the poller that combines them does.
 *
 * @param hostConcurrency requests in flight to one host at once, 1 or more
 * @param hostSpacing minimum time between two request starts to one host, zero or more
 * @param domainConcurrency the same per registrable domain
 * @param domainSpacing the same per registrable domain
 */
public record SourcePoliteness(
        Integer hostConcurrency, Duration hostSpacing, Integer domainConcurrency, Duration domainSpacing) {

    /** Nothing given: every limit comes from the application properties. */
    public static final SourcePoliteness INHERITED = new SourcePoliteness(null, null, null, null);

    /** The keys as spelled in the file. */
    static final String HOST_CONCURRENCY = "host-concurrency";

    static final String HOST_SPACING = "host-spacing";
    static final String DOMAIN_CONCURRENCY = "domain-concurrency";
    static final String DOMAIN_SPACING = "domain-spacing";

    /** These values where given, else {@code parent}'s. */
    SourcePoliteness over(SourcePoliteness parent) {
        return new SourcePoliteness(
                hostConcurrency != null ? hostConcurrency : parent.hostConcurrency,
                hostSpacing != null ? hostSpacing : parent.hostSpacing,
                domainConcurrency != null ? domainConcurrency : parent.domainConcurrency,
                domainSpacing != null ? domainSpacing : parent.domainSpacing);
    }
}

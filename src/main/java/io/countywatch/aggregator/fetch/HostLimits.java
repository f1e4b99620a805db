package io.countywatch.aggregator.fetch;

import java.time.Duration;

/**
 * The politeness limits one request is held to: in flight and start spacing for its host, and the same for its
 * registrable domain. The caller decides them (a source's settings, the strictest of several sources sharing a host);
 * the fetcher only obeys. A spacing of zero also lets requests overlap before their answers come.
 *
 * @param hostConcurrency requests in flight to the host at once, at least 1
 * @param hostSpacing minimum time between two request starts to the host, zero or more
 * @param domainConcurrency the same for the registrable domain
 * @param domainSpacing the same for the registrable domain
 */
public record HostLimits(int hostConcurrency, Duration hostSpacing, int domainConcurrency, Duration domainSpacing) {

    public HostLimits {
        if (hostConcurrency < 1 || domainConcurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (hostSpacing.isNegative() || domainSpacing.isNegative()) {
            throw new IllegalArgumentException("spacing must not be negative");
        }
    }

    /** The deployment's limits, from the application properties. */
    public static HostLimits of(FetchProperties properties) {
        return new HostLimits(
                Math.max(1, properties.hostConcurrency()),
                properties.hostSpacing(),
                Math.max(1, properties.domainConcurrency()),
                properties.domainSpacing());
    }

    /** These limits with the given values replaced; a {@code null} argument keeps the value here. */
    public HostLimits with(
            Integer hostConcurrency, Duration hostSpacing, Integer domainConcurrency, Duration domainSpacing) {
        return new HostLimits(
                hostConcurrency != null ? hostConcurrency : this.hostConcurrency,
                hostSpacing != null ? hostSpacing : this.hostSpacing,
                domainConcurrency != null ? domainConcurrency : this.domainConcurrency,
                domainSpacing != null ? domainSpacing : this.domainSpacing);
    }

    /** The stricter of the two in every field: the lower concurrency, the longer spacing. */
    public HostLimits strictest(HostLimits other) {
        return new HostLimits(
                Math.min(hostConcurrency, other.hostConcurrency),
                longer(hostSpacing, other.hostSpacing),
                Math.min(domainConcurrency, other.domainConcurrency),
                longer(domainSpacing, other.domainSpacing));
    }

    /** The host fields of these, the domain fields of {@code other}. */
    public HostLimits withDomainOf(HostLimits other) {
        return new HostLimits(hostConcurrency, hostSpacing, other.domainConcurrency, other.domainSpacing);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

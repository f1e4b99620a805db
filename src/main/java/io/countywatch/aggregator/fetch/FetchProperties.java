package io.countywatch.aggregator.fetch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How politely and how defensively pages are fetched ({@code aggregator.fetch.*}). The four host and domain limits are
 * the deployment's defaults: a request may bring its own {@link HostLimits} instead (from the sources file's keys of
 * the same names). The global bound and the penalty stay per instance: they protect this process and react to what a
 * host answers, not to what a source is.
 *
 * @param hostConcurrency requests in flight to one host name at once
 * @param hostSpacing minimum time between two request starts to one host name
 * @param domainConcurrency the same for one registrable domain (public suffix list), e.g. every {@code
 *     *.xiaochang.gov.cn}
 * @param domainSpacing the same for one registrable domain
 * @param globalConcurrency requests in flight from this instance at once; also the most sites the scheduler polls at
 *     once unless {@code aggregator.polling.concurrency} sets fewer
 * @param penalty how long a host that answered 429 or 5xx is held to one request at a time and four times the
 *     spacing (longer when its Retry-After asks for more)
 * @param connectTimeout TCP connect deadline
 * @param firstByteTimeout deadline from request sent to response headers received
 * @param robotsTtl how long a robots.txt is trusted before it is fetched again
 * @param blockPrivateNetworks refuse loopback, private, link-local and unique-local addresses, checked on every
 *     connection (so after every redirect too); off by default because admins choose the sources
 */
@ConfigurationProperties("aggregator.fetch")
public record FetchProperties(
        @DefaultValue("1") int hostConcurrency,
        @DefaultValue("1s") Duration hostSpacing,
        @DefaultValue("1") int domainConcurrency,
        @DefaultValue("1s") Duration domainSpacing,
        @DefaultValue("256") int globalConcurrency,
        @DefaultValue("10m") Duration penalty,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("15s") Duration firstByteTimeout,
        @DefaultValue("24h") Duration robotsTtl,
        @DefaultValue("false") boolean blockPrivateNetworks) {}

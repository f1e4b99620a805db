package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcePoliteness;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.config.SourcesConfig;
import io.countywatch.aggregator.fetch.FetchProperties;
import io.countywatch.aggregator.fetch.FetchRequest;
import io.countywatch.aggregator.fetch.HostKeys;
import io.countywatch.aggregator.fetch.HostLimits;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Chooses the {@link HostLimits} each request of a poll is held to. The limiter counts per host, while limits are
 * written per source, so several sources on one host are resolved to the strictest of them: the lowest concurrency
 * and the longest spacing among the sources whose {@code url} is on that host (and, for the domain limits, on that
 * registrable domain), together with the source asking, which also covers its detail pages on other hosts. A source
 * that sets nothing counts with the application properties. The table follows the running sources config, so a
 * reload of the sources file applies to every request after it.
 */
@Component
class PolitenessPlan {

    private final Supplier<SourcesConfig> sources;
    private final HostLimits defaults;
    private volatile Table table;

    @Autowired
    PolitenessPlan(SourceRegistry registry, FetchProperties properties) {
        this(registry::current, HostLimits.of(properties));
    }

    PolitenessPlan(Supplier<SourcesConfig> sources, HostLimits defaults) {
        this.sources = sources;
        this.defaults = defaults;
    }

    /**
     * A GET of {@code url} for {@code source}: its User-Agent, timeout and robots setting, held to {@link #limits}.
     * The validators are those of the previous answer, or null.
     */
    FetchRequest request(SourceDefinition source, URI url, String etag, String lastModified) {
        return new FetchRequest(
                url,
                source.userAgent(),
                source.timeout(),
                etag,
                lastModified,
                FetchRequest.DEFAULT_MAX_BYTES,
                source.robots(),
                limits(source, url));
    }

    /** The limits for a request of {@code source} to {@code url}. */
    HostLimits limits(SourceDefinition source, URI url) {
        Table current = table();
        HostKeys keys = HostKeys.of(url);
        HostLimits own = own(source.politeness());
        HostLimits host = own.strictest(current.byHost().getOrDefault(keys.host(), own));
        HostLimits domain = own.strictest(current.byDomain().getOrDefault(keys.domain(), own));
        return host.withDomainOf(domain);
    }

    /**
     * The limits of a politeness key (a registrable domain, see {@link HostKeys}): the strictest of its sources. The
     * scheduler polls a leased key's sources at most {@code domainConcurrency} at a time, and owes the longer of the
     * two spacings when it gives the key back.
     */
    HostLimits forKey(String key) {
        return table().byDomain().getOrDefault(key, defaults);
    }

    private HostLimits own(SourcePoliteness politeness) {
        return defaults.with(
                politeness.hostConcurrency(),
                politeness.hostSpacing(),
                politeness.domainConcurrency(),
                politeness.domainSpacing());
    }

    // rebuilt when the registry hands out another config (a reload); two threads may both rebuild, harmlessly
    private Table table() {
        SourcesConfig config = sources.get();
        Table current = table;
        if (current == null || current.config() != config) {
            current = build(config);
            table = current;
        }
        return current;
    }

    private Table build(SourcesConfig config) {
        Map<String, HostLimits> byHost = new HashMap<>();
        Map<String, HostLimits> byDomain = new HashMap<>();
        for (SourceDefinition source : config.sources()) {
            HostLimits limits = own(source.politeness());
            HostKeys keys = HostKeys.of(source.url());
            byHost.merge(keys.host(), limits, HostLimits::strictest);
            byDomain.merge(keys.domain(), limits, HostLimits::strictest);
        }
        return new Table(config, Map.copyOf(byHost), Map.copyOf(byDomain));
    }

    /** The strictest limits per host and per registrable domain of one sources config. */
    private record Table(SourcesConfig config, Map<String, HostLimits> byHost, Map<String, HostLimits> byDomain) {}
}

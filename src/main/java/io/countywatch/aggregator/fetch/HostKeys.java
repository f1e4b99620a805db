package io.countywatch.aggregator.fetch;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two names politeness counts by: the host, and its registrable domain from the public suffix list (so
 * {@code www.xiaochang.gov.cn} and {@code xxgk.xiaochang.gov.cn} share one budget, while {@code gov.cn} itself is
 * a suffix and never lumps counties together). An IP address or an unlisted name is its own domain. Public so that
 * callers choosing {@link HostLimits} for a host group sources the way the limiter does.
 */
public record HostKeys(String host, String domain) {

    // Every request asks (politeness admits per host and domain); the public suffix lookup is worth remembering. The
    // hosts are those of the sources and their links, so the bound is only a guard.
    private static final int MOST_DOMAINS = 100_000;
    private static final Map<String, String> DOMAINS = new ConcurrentHashMap<>();

    public static HostKeys of(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return new HostKeys(host, domainOf(host));
    }

    static String domainOf(String host) {
        String known = DOMAINS.get(host);
        if (known != null) {
            return known;
        }
        String domain = registrableDomain(host);
        if (DOMAINS.size() < MOST_DOMAINS) {
            DOMAINS.put(host, domain);
        }
        return domain;
    }

    // an IP literal is its own domain; asking InternetDomainName about one costs an exception with a stack trace
    private static String registrableDomain(String host) {
        if (InetAddresses.isUriInetAddress(host) || InetAddresses.isInetAddress(host)) {
            return host;
        }
        try {
            InternetDomainName name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host;
        } catch (IllegalArgumentException | IllegalStateException notADomainName) {
            return host;
        }
    }
}

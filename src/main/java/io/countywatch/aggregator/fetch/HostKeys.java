package io.countywatch.aggregator.fetch;

import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;

/**
 * The two names politeness counts by: the host, and its registrable domain from the public suffix list (so
 * {@code www.xiaochang.gov.cn} and {@code xxgk.xiaochang.gov.cn} share one budget, while {@code gov.cn} itself is
 * a suffix and never lumps counties together). An IP address or an unlisted name is its own domain. Public so that
 * callers choosing {@link HostLimits} for a host group sources the way the limiter does.
 */
public record HostKeys(String host, String domain) {

    public static HostKeys of(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return new HostKeys(host, domainOf(host));
    }

    static String domainOf(String host) {
        try {
            InternetDomainName name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host;
        } catch (IllegalArgumentException | IllegalStateException notADomainName) {
            return host;
        }
    }
}

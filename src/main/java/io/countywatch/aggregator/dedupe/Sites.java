package io.countywatch.aggregator.dedupe;

import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The site an address belongs to: its registrable domain by the public suffix list ({@code www.xiaochang.gov.cn}
 * and {@code xxgk.xiaochang.gov.cn} are both {@code xiaochang.gov.cn}), or, for an address by IP (test fixtures,
 * intranet portals), the host and port.
 */
public final class Sites {

    private Sites() {}

    /** The site of an absolute http(s) URL; empty for other schemes and unparsable addresses. */
    public static Optional<String> of(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!(scheme.equals("http") || scheme.equals("https")) || host == null || host.isEmpty()) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            if (!InternetDomainName.isValid(host) || host.matches("[0-9.]+") || host.startsWith("[")) {
                return Optional.of(host + ":" + uri.getPort());
            }
            InternetDomainName name = InternetDomainName.from(host);
            return Optional.of(
                    name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host);
        } catch (IllegalArgumentException | IllegalStateException unparsable) {
            return Optional.empty();
        }
    }

    /** True when both addresses are http(s) on the same site. */
    public static boolean same(String a, String b) {
        Optional<String> left = of(a);
        return left.isPresent() && left.equals(of(b));
    }
}

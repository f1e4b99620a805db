package io.countywatch.aggregator.dedupe;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an absolute http(s) URL into the one spelling used to recognise the same article twice.
 *
 * <p>Scheme and host are lower-cased (IDN hosts become punycode), default ports, fragments, empty queries,
 * repeated slashes, dot segments and directory index files ({@code index.html}, {@code index.htm},
 * {@code index.shtml}, {@code index.jsp}, {@code index.php}, {@code default.aspx}, {@code default.htm}) go
 * away; escapes of unreserved characters are decoded and other escapes get upper-case hex. These query
 * parameters are dropped, names compared ignoring case:
 *
 * <ul>
 *   <li>always: {@code utm_*}, {@code share*}, {@code spm}, {@code from}, {@code source},
 *       {@code isappinstalled}, {@code scene}, {@code clicktime}, {@code wxfrom}, {@code fbclid},
 *       {@code gclid};
 *   <li>cache busters, only when the value is empty or a number: {@code _}, {@code _t}, {@code t},
 *       {@code ts}, {@code timestamp}, {@code rnd}, {@code random}, {@code nocache}.
 * </ul>
 *
 * A parameter named in {@code keepParams} is always kept. The remaining parameters are sorted by name, keeping
 * the order of repeated names and their original encoding.
 */
public final class UrlCanonicalizer {

    // RFC 3986 appendix B; tolerant on purpose, since real hrefs carry raw Chinese and spaces.
    private static final Pattern URL =
            Pattern.compile("^([^:/?#]+):(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#.*)?$", Pattern.DOTALL);

    private static final Pattern AUTHORITY = Pattern.compile("^(?:([^@]*)@)?(\\[[^\\]]*\\]|[^:]*)(?::(\\d*))?$");

    private static final Pattern HOST = Pattern.compile("[a-z0-9._~-]+|\\[[0-9a-f:.]+\\]");

    public String canonicalize(String absoluteUrl, Set<String> keepParams) {
        Objects.requireNonNull(absoluteUrl, "absoluteUrl");
        Objects.requireNonNull(keepParams, "keepParams");
        Matcher url = URL.matcher(withForwardSlashes(absoluteUrl.strip()));
        if (!url.matches()) {
            throw new IllegalArgumentException("not a URL: \"" + absoluteUrl + "\"");
        }
        String scheme = url.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: \"" + absoluteUrl + "\"");
        }
        if (url.group(2) == null) {
            throw new IllegalArgumentException("URL has no host: \"" + absoluteUrl + "\"");
        }
        StringBuilder out = new StringBuilder(absoluteUrl.length());
        out.append(scheme).append("://").append(authority(url.group(2), scheme, absoluteUrl));
        out.append(CanonicalPath.of(url.group(3)));
        String query = url.group(4) == null ? "" : CanonicalQuery.of(url.group(4), lowerCase(keepParams));
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    // Hand-written hrefs on Windows-built sites use backslashes; browsers read them as slashes up to the
    // query, so "http://host\a\b.html" is "http://host/a/b.html".
    private static String withForwardSlashes(String url) {
        int end = url.length();
        for (int i = 0; i < url.length(); i++) {
            if (url.charAt(i) == '?' || url.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        return url.substring(0, end).replace('\\', '/') + url.substring(end);
    }

    private static String authority(String raw, String scheme, String absoluteUrl) {
        Matcher m = AUTHORITY.matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad host or port in \"" + absoluteUrl + "\"");
        }
        String host = host(m.group(2), absoluteUrl);
        String port =
                m.group(3) == null || m.group(3).isEmpty() ? "" : m.group(3).replaceFirst("^0+(?=\\d)", "");
        if (port.length() > 5 || (!port.isEmpty() && Integer.parseInt(port) > 65535)) {
            throw new IllegalArgumentException("bad port in \"" + absoluteUrl + "\"");
        }
        boolean defaultPort =
                (scheme.equals("http") && port.equals("80")) || (scheme.equals("https") && port.equals("443"));
        String userInfo = m.group(1) == null ? "" : m.group(1) + "@";
        return userInfo + host + (port.isEmpty() || defaultPort ? "" : ":" + port);
    }

    private static String host(String raw, String absoluteUrl) {
        String host;
        try {
            // A trailing dot names the same host ("www.gov.cn." is "www.gov.cn").
            host = IDN.toASCII(raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad host in \"" + absoluteUrl + "\"", e);
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("bad host in \"" + absoluteUrl + "\"");
        }
        return host;
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}

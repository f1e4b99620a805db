package io.countywatch.aggregator.publish;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code atom:id} of a feed: a tag: URI (RFC 4151) built from the path of the feed URL, such as
 * {@code tag:countywatch,2026:/feeds/tag/hubei.atom}. Scheme, host and query are left out on purpose, so
 * the id survives a move to another host or port and does not change with {@code limit=} or a
 * {@code q=} search: RFC 4287 asks that a feed's id never change.
 */
final class AtomFeedId {

    // The date in a tag: URI is when the authority name was held, not today: it must never change.
    static final String PREFIX = "tag:countywatch,2026:";

    private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");

    // RFC 3986 pchar plus "/" and "%" (already-encoded octets stay as they are).
    private static final String KEPT = "-._~!$&'()*+,;=:@/%";

    private AtomFeedId() {}

    static String of(String selfUrl) {
        String path = SCHEME_AND_AUTHORITY.matcher(selfUrl).replaceFirst("");
        int end = indexOfQueryOrFragment(path);
        if (end >= 0) {
            path = path.substring(0, end);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        return PREFIX + encode(path);
    }

    private static int indexOfQueryOrFragment(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '?' || s.charAt(i) == '#') {
                return i;
            }
        }
        return -1;
    }

    // A tag name such as 孝感 may reach us unencoded; an id must be a URI, so its UTF-8 octets are encoded.
    private static String encode(String path) {
        var out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || KEPT.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}

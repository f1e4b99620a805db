package io.countywatch.aggregator.publish;

import java.nio.charset.StandardCharsets;

/** Percent-encodes one URL path segment (RFC 3986 unreserved characters stay), so a tag such as 孝感 links right. */
final class PathSegment {

    private PathSegment() {}

    static String encode(String segment) {
        var out = new StringBuilder(segment.length() * 3);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
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

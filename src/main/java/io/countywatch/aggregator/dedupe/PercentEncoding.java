package io.countywatch.aggregator.dedupe;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 section 6.2.2 normalization: escapes of unreserved characters are decoded, the others get
 * upper-case hex. Broken escapes such as a lone {@code %} are left alone, as browsers do.
 */
final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /**
     * @param encodeUnsafe whether to escape non-ASCII, spaces and other characters that may not appear in a
     *     URI; the path needs it (browsers send it as UTF-8), the query does not (its bytes depend on the
     *     page's charset, which we no longer know).
     */
    static String normalize(String text, boolean encodeUnsafe) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                int b = Integer.parseInt(text.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) b)) {
                    out.append((char) b);
                } else {
                    appendEscaped(out, b);
                }
                i += 2;
            } else if (encodeUnsafe && isUnsafe(c)) {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendEscaped(out, b & 0xFF);
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    private static boolean isUnsafe(char c) {
        return c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }
}

package io.countywatch.aggregator.fetch;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Content-Type checks: which answers are text we can read, and the charset a header claims. */
final class ContentTypes {

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private ContentTypes() {}

    /** A PDF, an image, audio or video is never a page or a feed; a missing type is given the benefit of doubt. */
    static boolean isUnreadable(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/pdf")
                || type.startsWith("image/")
                || type.startsWith("audio/")
                || type.startsWith("video/")
                || type.startsWith("application/zip")
                || type.startsWith("application/octet-stream");
    }

    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher matcher = CHARSET.matcher(contentType);
        return matcher.find() ? matcher.group(1) : null;
    }
}

package io.countywatch.aggregator.publish;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Dates as the feeds write them: in the offset the time carries (a source's own zone, +08:00 for a county site),
 * whole seconds. Rome formats every {@code java.util.Date} in UTC, so the writers let Rome build the document and
 * then write each date's text themselves.
 */
final class FeedDates {

    // RFC 822 as RSS 2.0 uses it, with a numeric zone ("+0800"); RFC_1123_DATE_TIME writes "GMT" for offset 0.
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private FeedDates() {}

    /** RFC 3339 as Atom wants it: {@code 2023-09-09T14:17:56+08:00}, or {@code …Z} at offset 0. */
    static String rfc3339(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static String rfc822(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).format(RFC_822);
    }

    /** Replaces the text of {@code parent}'s child {@code name}, which Rome wrote in UTC; no-op when absent. */
    static void rewrite(Element parent, String name, Namespace namespace, String text) {
        Element child = parent.getChild(name, namespace);
        if (child != null) {
            child.setText(text);
        }
    }
}

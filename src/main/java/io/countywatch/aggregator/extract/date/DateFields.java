package io.countywatch.aggregator.extract.date;

import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The raw numbers one pattern matched, before any calendar check. Null fields were absent from the text.
 */
record DateFields(
        Integer year, int month, int day, Integer hour, Integer minute, Integer second, int nanos, ZoneOffset offset) {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));

    // RFC 822 names its own zones, and there CST is US Central (-06:00). Chinese servers and Java's
    // Date.toString() on Asia/Shanghai hosts write CST for China Standard Time, and a county site is
    // never in Chicago, so CST here means +08:00.
    private static final Map<String, ZoneOffset> ZONE_NAMES = Map.ofEntries(
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("UT", ZoneOffset.UTC),
            Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC),
            Map.entry("CST", ZoneOffset.ofHours(8)),
            Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)));

    boolean hasTime() {
        return hour != null;
    }

    /** Reads the named groups a pattern declares; {@code groups} lists them because Matcher cannot tell. */
    static DateFields read(Matcher m, Set<String> groups) {
        String monthName = text(m, groups, "mon");
        int month = monthName != null
                ? MONTHS.get(monthName.substring(0, 3).toLowerCase(Locale.ROOT))
                : Integer.parseInt(m.group("M"));
        return new DateFields(
                year(text(m, groups, "y")),
                month,
                Integer.parseInt(m.group("d")),
                number(m, groups, "h"),
                number(m, groups, "mi"),
                number(m, groups, "s"),
                nanos(text(m, groups, "frac")),
                offset(m, groups));
    }

    private static Integer year(String digits) {
        if (digits == null) {
            return null;
        }
        // Two-digit years only occur in old RFC 822 feeds; everything we read was written after 2000.
        return digits.length() == 2 ? 2000 + Integer.parseInt(digits) : Integer.parseInt(digits);
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    private static ZoneOffset offset(Matcher m, Set<String> groups) {
        String name = text(m, groups, "zone");
        if (name != null) {
            return name.startsWith("+") || name.startsWith("-")
                    ? parseOffset(name)
                    : ZONE_NAMES.get(name.toUpperCase(Locale.ROOT));
        }
        String iso = text(m, groups, "off");
        // "14:00-15:30" is a time range, not an offset: trust an ISO offset only after a 'T' or seconds.
        boolean isoShaped = text(m, groups, "t") != null || text(m, groups, "s") != null;
        return iso != null && isoShaped ? parseOffset(iso) : null;
    }

    private static ZoneOffset parseOffset(String text) {
        try {
            return ZoneOffset.of(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Integer number(Matcher m, Set<String> groups, String name) {
        String digits = text(m, groups, name);
        return digits == null ? null : Integer.valueOf(digits);
    }

    private static String text(Matcher m, Set<String> groups, String name) {
        return groups.contains(name) ? m.group(name) : null;
    }
}

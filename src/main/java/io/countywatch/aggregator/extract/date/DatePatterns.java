package io.countywatch.aggregator.extract.date;

import java.util.List;

/** The table of date shapes seen on county sites and in their feeds, most specific first. */
final class DatePatterns {

    // Optional time after a date: "14:17", "14:17:56.123", "14时17分56秒"; 'T' marks ISO-8601.
    private static final String TIME = "(?:(?:(?<t>T)|\\s*)(?<h>\\d{1,2})[:时](?<mi>\\d{1,2})(?!\\d)"
            + "(?:[:分](?<s>\\d{1,2})(?!\\d)(?:[.,](?<frac>\\d{1,9}))?)?)?";

    private static final String ISO_OFFSET = "(?:(?<off>Z|[+-]\\d{2}:?\\d{2})(?![\\d:]))?";

    private static final String MONTH_NAME = "\\b(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";

    private static final String RFC_ZONE = "(?<zone>[+-]\\d{4}|[a-z]{1,5})";

    static final List<DatePattern> ALL = List.of(
            // 2023-09-09, 2023/9/9, 2023.09.09, ISO-8601 with or without offset; the separator must repeat.
            DatePattern.of(
                    "numeric",
                    "(?<!\\d)(?<y>\\d{4})(?<sep>[-/.])(?<M>\\d{1,2})\\k<sep>(?<d>\\d{1,2})(?!\\d)" + TIME + ISO_OFFSET,
                    false),
            DatePattern.of(
                    "chinese",
                    "(?<!\\d)(?<y>\\d{4})\\s*年\\s*(?<M>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*[日号]" + TIME,
                    false),
            // RFC 822 / 1123, weekday optional: "Sat, 09 Sep 2023 14:17:56 +0800".
            DatePattern.of(
                    "rfc822",
                    "(?<!\\d)(?<d>\\d{1,2})[\\s-]+" + MONTH_NAME + "[\\s-]+(?<y>\\d{4}|\\d{2})(?!\\d)"
                            + "(?:\\s+(?<h>\\d{1,2}):(?<mi>\\d{2})(?::(?<s>\\d{2}))?(?:\\s*" + RFC_ZONE + "\\b)?)?",
                    false),
            // java.util.Date#toString, common in feeds of Java CMSs: "Sat Sep 09 14:17:56 CST 2023".
            DatePattern.of(
                    "java-date",
                    MONTH_NAME + "\\s+(?<d>\\d{1,2})\\s+(?<h>\\d{1,2}):(?<mi>\\d{2}):(?<s>\\d{2})\\s+(?:" + RFC_ZONE
                            + "\\s+)?(?<y>\\d{4})(?!\\d)",
                    false),
            // [09-09] in list pages. Two-digit fields only, and no neighbouring digits or separators,
            // so page ranges, phone numbers and the tail of a full date do not match.
            DatePattern.of("month-day", "(?<![\\d.:/-])(?<M>\\d{2})-(?<d>\\d{2})(?![\\d:/-])" + TIME, true),
            DatePattern.of(
                    "chinese-month-day",
                    "(?<![\\d年])(?<!年\\s{1,3})(?<M>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*[日号]" + TIME,
                    true));

    private DatePatterns() {}
}

package io.countywatch.aggregator.extract.date;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the date table: a regex with named groups (y, M or mon, d, h, mi, s, frac, t, off, zone).
 * Year-less rows are only tried when no row with a year found an acceptable date.
 */
record DatePattern(String name, Pattern regex, boolean yearless, Set<String> groups) {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    static DatePattern of(String name, String regex, boolean yearless) {
        Pattern compiled = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new DatePattern(name, compiled, yearless, groupNames(regex));
    }

    // Matcher has no way to ask whether a group exists (Java 20 added namedGroups()), so read the names
    // out of the regex once instead of catching IllegalArgumentException on every match.
    private static Set<String> groupNames(String regex) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = GROUP_NAME.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return Set.copyOf(names);
    }
}

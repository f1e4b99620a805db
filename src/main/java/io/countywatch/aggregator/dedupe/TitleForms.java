package io.countywatch.aggregator.dedupe;

import java.util.List;

/**
 * Which of two spellings of one title is the full one. Feeds and reposts cut titles ({@code …}, {@code ...}) and
 * decorate them with the site's name ({@code _赣州日报}, {@code _岳阳…}); the article's own page has the title
 * whole. A full title replaces a cut or decorated one, never the other way round.
 */
public final class TitleForms {

    private static final List<String> CUT_MARKS = List.of("…", "...", "..", "．．．", "。。", "⋯");

    private TitleForms() {}

    /** The title without republishers' prefixes and suffixes and without a cut mark, as found otherwise. */
    public static String undecorated(String raw) {
        return raw == null ? null : TitleAffixes.strip(raw.strip());
    }

    /** True when the title is cut or carries a site prefix or suffix. */
    public static boolean partial(String raw) {
        if (raw == null) {
            return false;
        }
        String t = raw.strip();
        return CUT_MARKS.stream().anyMatch(t::endsWith) || !undecorated(t).equals(t);
    }

    /** True when {@code candidate} is a whole title and {@code stored} a cut or decorated form of it. */
    public static boolean fuller(String candidate, String stored) {
        if (candidate == null || stored == null || partial(candidate) || !partial(stored)) {
            return false;
        }
        String whole = key(candidate);
        String part = key(stored);
        return !part.isEmpty() && whole.contains(part) && whole.length() >= part.length();
    }

    /** True when {@code candidate} names the same title as {@code stored} in a cut or decorated form. */
    public static boolean worse(String candidate, String stored) {
        if (candidate == null || stored == null) {
            return false;
        }
        if (fuller(stored, candidate)) {
            return true;
        }
        return partial(candidate) && key(candidate).equals(key(stored));
    }

    /** True when one title, without affixes and normalized, contains the other (a cut title its whole). */
    static boolean contained(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = key(a);
        String y = key(b);
        return !x.isEmpty() && !y.isEmpty() && (x.contains(y) || y.contains(x));
    }

    private static String key(String raw) {
        return TextNormalizer.normalize(TitleAffixes.strip(TextNormalizer.nfkc(raw)));
    }
}

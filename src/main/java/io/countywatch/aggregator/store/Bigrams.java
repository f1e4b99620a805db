package io.countywatch.aggregator.store;

import java.util.Arrays;

/**
 * The keyword index's terms of a text, computed in the JVM so that PostgreSQL does not run a function per row
 * written: every pair of neighbouring characters (code points, lower-cased), as one int, distinct. A pair of BMP
 * characters is its two 16-bit code units side by side, so exact; a pair with a character beyond the BMP keeps
 * only the low 16 bits of it, and may share its int with another pair. That only makes the index narrow less:
 * the query's ILIKE decides. Migration V8's {@code item_bigram_codes(text)} computes the same set in SQL.
 */
final class Bigrams {

    private Bigrams() {}

    /** The terms of an item: its title and summary, as the index and the keyword query both read them. */
    static Integer[] ofItem(String title, String summary) {
        return of((title == null ? "" : title) + " " + (summary == null ? "" : summary));
    }

    /** The distinct terms of {@code text}, ascending. */
    static Integer[] of(String text) {
        int[] points = text.codePoints().map(Character::toLowerCase).toArray();
        if (points.length < 2) {
            return new Integer[0];
        }
        int[] codes = new int[points.length - 1];
        for (int i = 0; i + 1 < points.length; i++) {
            codes[i] = (points[i] & 0xFFFF) << 16 | (points[i + 1] & 0xFFFF);
        }
        return Arrays.stream(codes).sorted().distinct().boxed().toArray(Integer[]::new);
    }
}
